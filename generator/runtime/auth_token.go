package runtime

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Access tokens from a token endpoint, as 企业微信 (WeCom), 钉钉 (DingTalk)
// and 飞书 (Feishu) issue them:
//
//   - WeCom, 获取access_token (developer.work.weixin.qq.com/document/path/91039):
//     GET /cgi-bin/gettoken?corpid=ID&corpsecret=SECRET answers
//     {"errcode":0,"errmsg":"ok","access_token":"accesstoken000001","expires_in":7200};
//     calls carry ?access_token=; 40014 (不合法的access_token) and 42001
//     (access_token已过期) mean fetch a new one.
//   - DingTalk (open.dingtalk.com/document/orgapp/obtain-orgapp-token):
//     GET /gettoken?appkey=&appsecret= answers the same members.
//   - Feishu, tenant_access_token internal: POST {"app_id","app_secret"}
//     answers {"code":0,"msg":"ok","tenant_access_token":"t-…","expire":7200};
//     calls carry Authorization: Bearer; 99991663 is an invalid token.
//
// The token is cached until shortly before it expires. One fetch serves
// every call waiting for it, so many concurrent calls with no token cause
// one request to the endpoint, not one each.

// TokenEndpoint is where tokens come from.
type TokenEndpoint struct {
	URL          string // absolute, or a path on the client's base URL
	Method       string // GET: id and secret in the query; POST: in a JSON body
	IDParam      string
	SecretParam  string
	TokenField   string // the answer's member holding the token
	ExpiresField string // the answer's member holding its lifetime in seconds
	// ExpiredCodes are the envelope codes with which an API answer says
	// the token is no longer valid; HTTP 401 says so too.
	ExpiredCodes []string
}

// TokenSigner sends an access token it fetches with an id and a secret.
// Use one per client: it holds the cached token.
type TokenSigner struct {
	Placement
	Endpoint   TokenEndpoint
	ID, Secret string

	lock    chan struct{} // held while the token is read, fetched or dropped
	token   string
	expires time.Time // zero: until an answer refuses it
	http    *http.Client
	baseURL string
}

// NewTokenSigner returns a signer for the endpoint and credentials.
func NewTokenSigner(p Placement, e TokenEndpoint, id, secret string) *TokenSigner {
	return &TokenSigner{Placement: p, Endpoint: e, ID: id, Secret: secret, lock: make(chan struct{}, 1)}
}

// bind gives the signer the client's HTTP client and base URL, for its
// own requests.
func (s *TokenSigner) bind(c *clientCore) {
	s.http, s.baseURL = c.http, c.defaults.baseURL
}

// Sign implements Signer.
func (s *TokenSigner) Sign(ctx context.Context, r *SignRequest) error {
	tok, err := s.current(ctx, r.Now)
	if err != nil {
		return err
	}
	r.Token = tok
	s.put(r, tok)
	return nil
}

// Rejected implements refreshingSigner: an answer with HTTP 401 or one
// of the expired codes drops the token it refused, unless another call
// has already replaced it.
func (s *TokenSigner) Rejected(r *SignRequest, err *APIError) bool {
	if err.HTTPStatus != http.StatusUnauthorized && (err.Code == "" || !slices.Contains(s.Endpoint.ExpiredCodes, err.Code)) {
		return false
	}
	s.lock <- struct{}{}
	if s.token == r.Token {
		s.token = ""
	}
	<-s.lock
	return true
}

// expiryMargin is how long before its stated expiry a token is replaced,
// at most: a tenth of its lifetime, so that a call signed just before the
// end does not arrive just after it.
const expiryMargin = 5 * time.Minute

// current returns the cached token, fetching one when there is none or it
// is about to expire.
func (s *TokenSigner) current(ctx context.Context, now time.Time) (string, error) {
	select {
	case s.lock <- struct{}{}:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	defer func() { <-s.lock }()
	if s.token != "" && (s.expires.IsZero() || now.Before(s.expires)) {
		return s.token, nil
	}
	tok, lifetime, err := s.fetch(ctx)
	if err != nil {
		return "", err
	}
	s.token, s.expires = tok, time.Time{}
	if lifetime > 0 {
		s.expires = now.Add(lifetime - min(lifetime/10, expiryMargin))
	}
	return tok, nil
}

// fetch asks the endpoint for a token.
func (s *TokenSigner) fetch(ctx context.Context) (string, time.Duration, error) {
	u := s.Endpoint.URL
	if strings.HasPrefix(u, "/") {
		u = s.baseURL + u
	}
	var body io.Reader
	if s.Endpoint.Method == http.MethodPost {
		raw, _ := json.Marshal(map[string]string{s.Endpoint.IDParam: s.ID, s.Endpoint.SecretParam: s.Secret})
		body = bytes.NewReader(raw)
	} else {
		q := url.Values{s.Endpoint.IDParam: {s.ID}, s.Endpoint.SecretParam: {s.Secret}}
		sep := "?"
		if strings.Contains(u, "?") {
			sep = "&"
		}
		u += sep + q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, cmp.Or(s.Endpoint.Method, http.MethodGet), u, body)
	if err != nil {
		return "", 0, fmt.Errorf("token endpoint: %w", err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json; charset=utf-8")
	}
	req.Header.Set("Accept", "application/json")
	client := s.http
	if client == nil {
		client = &http.Client{Timeout: DefaultTimeout}
	}
	if _, ok := ctx.Deadline(); !ok {
		// The client's HTTP client has no timeout of its own: a try's
		// context bounds a fetch, and without one so does DefaultTimeout.
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultTimeout)
		defer cancel()
		req = req.WithContext(ctx)
	}
	resp, err := client.Do(req)
	if err != nil {
		// The error names the URL, which carries the secret on GET.
		return "", 0, fmt.Errorf("token endpoint %s: %w", s.Endpoint.URL, redactURLError(err))
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return "", 0, fmt.Errorf("token endpoint %s: %w", s.Endpoint.URL, redactURLError(err))
	}
	tok, lifetime, ok := readToken(data, s.Endpoint.TokenField, s.Endpoint.ExpiresField)
	if resp.StatusCode/100 != 2 || !ok {
		return "", 0, &APIError{HTTPStatus: resp.StatusCode, Code: tokenErrorCode(data), Message: "token endpoint " + s.Endpoint.URL + " answered no " + s.Endpoint.TokenField, Body: data}
	}
	return tok, lifetime, nil
}

// readToken finds the token and its lifetime in an answer: at the top, or
// in a data member for vendors that wrap it.
func readToken(data []byte, tokenField, expiresField string) (string, time.Duration, bool) {
	m, err := decodeObject(data)
	if err != nil {
		return "", 0, false
	}
	if _, ok := m[tokenField]; !ok {
		if inner, err := decodeObject(m["data"]); err == nil {
			m = inner
		}
	}
	tok, err := textOf(m[tokenField])
	if err != nil || tok == "" {
		return "", 0, false
	}
	var lifetime time.Duration
	if raw, ok := m[expiresField]; ok && expiresField != "" {
		if s, err := textOf(raw); err == nil {
			if n, err := strconv.ParseInt(s, 10, 64); err == nil && n > 0 {
				lifetime = time.Duration(n) * time.Second
			}
		}
	}
	return tok, lifetime, true
}

// tokenErrorCode is the code of a refused token request, in the members
// the token endpoints use.
func tokenErrorCode(data []byte) string {
	m, err := decodeObject(data)
	if err != nil {
		return ""
	}
	for _, k := range []string{"errcode", "code", "error_code", "errCode", "error"} {
		if s, err := textOf(m[k]); err == nil && s != "" {
			return s
		}
	}
	return ""
}

// redactURLError drops the URL from a transport error: a token request's
// URL carries the secret.
func redactURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
