package runtime

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"time"
)

// The Waiqin365 (勤策) signature, as the vendor's open-platform guide
// specifies it (URL参数说明): digest = md5(消息体 + "|" + appkey + "|" +
// timestamp) in 32 lowercase hex digits, timestamp yyyyMMddHHmmss. The
// guide's worked example (appkey BFCO0PAgIUgd50c0l6, timestamp
// 20150806142836 → 74267bf0cae0998a719879ec9b3c7780) is this package's
// test; the public SDK github.com/panying1990/python (waiqinAPI.py) signs
// the same way.

// waiqinTimestampLayout is yyyyMMddHHmmss.
const waiqinTimestampLayout = "20060102150405"

// waiqinZone is the vendor's clock: China Standard Time has no daylight
// saving, so a fixed zone needs no tz database.
var waiqinZone = time.FixedZone("CST", 8*60*60)

// WaiqinDigest computes the digest of a body.
func WaiqinDigest(body []byte, appKey, timestamp string) string {
	h := md5.New()
	h.Write(body)
	h.Write([]byte("|" + appKey + "|" + timestamp))
	return hex.EncodeToString(h.Sum(nil))
}

// WaiqinSigner signs requests with an openid and its app key.
type WaiqinSigner struct {
	OpenID, AppKey string
}

// Credentials returns the four credential path segments of a body
// signed at now.
func (s WaiqinSigner) Credentials(body []byte, now time.Time, msgID string) map[string]string {
	ts := now.In(waiqinZone).Format(waiqinTimestampLayout)
	return map[string]string{
		"openid":    s.OpenID,
		"timestamp": ts,
		"digest":    WaiqinDigest(body, s.AppKey, ts),
		"msg_id":    msgID,
	}
}

// Sign implements Signer: the credentials go in the path.
func (s WaiqinSigner) Sign(_ context.Context, r *SignRequest) error {
	for role, v := range s.Credentials(r.Body, r.Now, r.MsgID) {
		r.Creds[role] = v
	}
	return nil
}

// TimestampResolution is a second: the timestamp counts whole seconds, so
// the same body signed twice within one is one request to the verifier,
// and the client waits a second before it tries a call again.
func (WaiqinSigner) TimestampResolution() time.Duration { return time.Second }
