package runtime

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"hash"
	"sync"
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
	d := waiqinDigest(body, appKey, timestamp)
	return string(d[:])
}

// waiqinDigest is WaiqinDigest without allocating, for the verifier,
// which computes one for every request it serves.
func waiqinDigest(body []byte, appKey, timestamp string) [2 * md5.Size]byte {
	d := waiqinDigesters.Get().(*waiqinDigester)
	defer waiqinDigesters.Put(d)
	d.h.Reset()
	d.h.Write(body)
	// MD5 reads a stream: the tail written after the body hashes the same
	// as one concatenated message.
	d.tail = append(append(append(append(d.tail[:0], '|'), appKey...), '|'), timestamp...)
	d.h.Write(d.tail)
	var out [2 * md5.Size]byte
	hex.Encode(out[:], d.h.Sum(d.sum[:0]))
	return out
}

// waiqinDigester is an MD5 and the buffers a digest needs, reused so that
// verifying a request allocates nothing.
type waiqinDigester struct {
	h    hash.Hash
	tail []byte
	sum  [md5.Size]byte
}

var waiqinDigesters = sync.Pool{New: func() any { return &waiqinDigester{h: md5.New()} }}

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
