package parser

import (
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// decodeGB18030 decodes pages saved by Chinese Windows tools. It accepts the
// result only when it is valid UTF-8 with no replacement characters, so that
// arbitrary binary junk is not mistaken for GBK text.
func decodeGB18030(src []byte) (string, bool) {
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(src)
	if err != nil || !utf8.Valid(out) {
		return "", false
	}
	for _, r := range string(out) {
		if r == utf8.RuneError {
			return "", false
		}
	}
	return string(out), true
}
