package spec

import (
	"regexp"
	"sync"
)

// patterns holds the regular expressions compiled so far, by pattern: a
// doc of thousands of endpoints repeats a few digit and date patterns on
// every field that has them.
var patterns sync.Map // string → compiledPattern

type compiledPattern struct {
	re  *regexp.Regexp
	err error
}

// compile is regexp.Compile, once per pattern.
func compile(pattern string) (*regexp.Regexp, error) {
	if c, ok := patterns.Load(pattern); ok {
		return c.(compiledPattern).re, c.(compiledPattern).err
	}
	re, err := regexp.Compile(pattern)
	patterns.Store(pattern, compiledPattern{re, err})
	return re, err
}

// mustCompile is regexp.MustCompile, once per pattern.
func mustCompile(pattern string) *regexp.Regexp {
	re, err := compile(pattern)
	if err != nil {
		return regexp.MustCompile(pattern) // panics, saying why
	}
	return re
}
