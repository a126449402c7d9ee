package ljson

import "github.com/apigen/apigen/parser/diag"

// maxDiagnostics bounds the repairs listed one by one for a document. Real
// examples need a few hundred at most; a hostile or machine-generated
// input can need one every few bytes, and formatting millions of messages
// would cost far more than reading the JSON. Repairs past the limit are
// counted and summarised, one diagnostic per code.
const maxDiagnostics = 10000

// unlisted counts the repairs of one code past maxDiagnostics.
type unlisted struct {
	code  diag.Code
	n     int
	first diag.Pos
}

// add reports a repair at the byte offset off.
func (p *parser) add(off int, code diag.Code, format string, args ...any) {
	if p.full(code, off) {
		return
	}
	p.diags.Add(p.pos.at(off), code, format, args...)
}

// addAt reports a repair at a position computed earlier.
func (p *parser) addAt(pos diag.Pos, code diag.Code, format string, args ...any) {
	if p.fullAt(code, pos) {
		return
	}
	p.diags.Add(pos, code, format, args...)
}

// note is add for a message already built, without fmt: J001 is reported
// once per comment, which makes it the hot path.
func (p *parser) note(off int, code diag.Code, msg string) {
	if p.full(code, off) {
		return
	}
	p.diags = append(p.diags, diag.Diagnostic{Pos: p.pos.at(off), Severity: code.Severity(), Code: code, Message: msg})
}

func (p *parser) full(code diag.Code, off int) bool {
	if len(p.diags) < maxDiagnostics {
		return false
	}
	return p.fullAt(code, p.pos.at(off))
}

// fullAt counts the repair instead of listing it once the list is full.
func (p *parser) fullAt(code diag.Code, pos diag.Pos) bool {
	if len(p.diags) < maxDiagnostics {
		return false
	}
	if p.unlisted == nil {
		p.unlisted = new([16]unlisted)
	}
	u := &p.unlisted[codeIndex(code)]
	if u.n == 0 {
		u.code, u.first = code, pos
	}
	u.n++
	return true
}

// repairCodes are the codes of the lenient reader's repairs; unlisted
// repairs are counted per code by their index here plus one.
var repairCodes = [...]diag.Code{diag.CommentAsDescription, diag.MissingComma, diag.TrailingTextAsDescription,
	diag.QuotedJSONInString, diag.TrailingComma, diag.UnclosedJSON, diag.LooseQuoting, diag.SkippedToken,
	diag.TextAfterJSON, diag.TooDeep}

// codeIndex maps a repair code to 1..len(repairCodes), and any other code to 0.
func codeIndex(code diag.Code) int {
	for i, c := range repairCodes {
		if c == code {
			return i + 1
		}
	}
	return 0
}

// summariseUnlisted adds one diagnostic per code whose repairs went
// unlisted, at the first of them.
func (p *parser) summariseUnlisted() {
	if p.unlisted == nil {
		return
	}
	for _, u := range p.unlisted {
		if u.n == 0 {
			continue
		}
		p.diags.Add(u.first, u.code, "%d more repairs of this kind were made but not listed (the first %d repairs are)", u.n, maxDiagnostics)
	}
}

// reportMark and its methods let a failed J004 retry take back what it
// reported.
type reportMark struct {
	n        int
	unlisted [16]unlisted
}

func (p *parser) markReport() reportMark {
	m := reportMark{n: len(p.diags)}
	if p.unlisted != nil {
		m.unlisted = *p.unlisted
	}
	return m
}

func (p *parser) undoReport(m reportMark) {
	p.diags = p.diags[:m.n]
	if p.unlisted != nil {
		*p.unlisted = m.unlisted
	}
}
