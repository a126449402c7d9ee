package diag

import (
	"slices"
	"strings"
)

// Code identifies a kind of problem. Codes are stable: tools and CI gates
// match on them, so a code is never reused for another meaning. The letter
// gives the default severity (E error, W warning, I info).
type Code string

type codeInfo struct {
	severity Severity
	summary  string
}

// registry is the one list of codes apigen reports; `apigen lint -explain`
// prints from it and a test checks every code used in the tree is here.
var registry = map[Code]codeInfo{
	// Reading the input.
	"E001": {Error, "the input cannot be read: missing file, unreadable bytes or a failed download"},
	"E002": {Error, "no endpoint was found in the document: no URL line, API-address item or request-URL block"},
	"E003": {Error, "the document is not text (binary bytes) or is too large to be a doc page"},
	"E004": {Error, "the spec is not valid OpenAPI: kin-openapi validation failed; the message names the JSON pointer"},
	"E005": {Error, "two endpoints share a method and path; the later one is dropped"},
	"E006": {Error, "the document format could not be recognised; name it with -from"},
	"E007": {Error, "the configuration file is invalid: unknown key, wrong type or missing value"},
	"E008": {Error, "a JSON example could not be read at all, even leniently; the table alone describes the shape"},

	// Document structure.
	"W001": {Warning, "stray text in an endpoint section was ignored"},
	"W002": {Warning, "inline HTML in a table cell or description was stripped"},
	"W003": {Warning, "a label line is malformed (for example `POST(HTTPS` without its closing parenthesis) and was read anyway"},
	"W004": {Warning, "a table row repeats a field already declared; the rows were merged into one field"},
	"W005": {Warning, "the type text is not in the type vocabulary; the field is typed as a string"},
	"W006": {Warning, "a table row could not be read (too few cells or no name) and was skipped"},
	"W007": {Warning, "the example sends a field the table does not declare; the field was added from the example"},
	"W009": {Warning, "the example's wire type disagrees with the table's type; the example decides the wire shape"},
	"W010": {Warning, "a table row is nested under a parent the example does not use; it was moved to where the example puts it"},
	"W011": {Warning, "a nested row names a parent the table never declares; the parent was created from the name (and the example)"},
	"W012": {Warning, "a constraint inferred from the description (enum, layout, limit) is contradicted by the doc's own example; it is kept as documentation only"},
	"W013": {Warning, "a field typed as a scalar has nested rows; it was made an object or array of objects"},
	"W014": {Warning, "the type text is unusual (for example `varchar100`) and was read as the nearest known type"},
	"W015": {Warning, "the document gives no host; the spec uses a placeholder server unless the config names one"},
	"W016": {Warning, "a section label does not match what follows it (for example `参数说明:` above a response example)"},
	"W017": {Warning, "the endpoint names no HTTP method; POST was assumed"},
	"W018": {Warning, "two endpoints would get the same operationId; the later one was renamed"},
	"W020": {Warning, "an example value sent as a string holds JSON; it was modelled as JSON carried inside a string"},
	"W021": {Warning, "an OpenAPI construct is not supported by the Go generator; the warning names its JSON pointer and what was generated instead (raw JSON, a skipped route or header)"},
	"W022": {Warning, "the text is not UTF-8; it was decoded as GB18030 (GBK)"},
	"W025": {Warning, "a table has more cells in a row than header columns; the extra cells were joined into the description"},
	"W027": {Warning, "a request or response example in the doc does not validate against the schema built from its tables"},
	"W026": {Warning, "a section has tables or examples but no request URL, so it is not an endpoint"},
	"W028": {Warning, "an endpoint names no request URL; it is kept, and the spec cannot give it a path"},
	"W029": {Warning, "a table's required and type columns are swapped in every row; the columns were read by their content"},
	"W030": {Warning, "a table row has fewer cells than the header has columns; the missing cells were read as empty"},
	"W031": {Warning, "an HTML element that holds raw text (<title>, <textarea>, <script>) is never closed and would hide the rest of the page; its start tag was read as text"},

	// Lenient JSON repairs: the example was readable only after a repair.
	"J001": {Info, "a comment in a JSON example became the description of the value before it"},
	"J002": {Warning, "a missing comma between JSON members was inserted"},
	"J003": {Info, "commentary text after a comma in a JSON example became the description of the value before it"},
	"J004": {Warning, "a JSON object pasted inside a string with unescaped quotes was read as JSON carried in a string"},
	"J005": {Info, "a trailing comma in a JSON example was ignored"},
	"J006": {Warning, "the JSON example ends before its brackets close; the open values were closed"},
	"J007": {Info, "an unquoted or single-quoted key or string in a JSON example was accepted"},
	"J008": {Warning, "an unreadable token in a JSON example was skipped"},
	"J009": {Warning, "text after the end of a JSON example was ignored"},
	"J010": {Warning, "a JSON example nests deeper than apigen reads; the deeper part was cut"},

	// Inference notes.
	"I001": {Info, "the document gives no required marks; required is unknown, not false"},
	"I002": {Info, "a placeholder value in an example (such as <<DATA>> or { msg_id }) was treated as unknown"},
	"I003": {Info, "the table declares a field the example does not send"},
	"I004": {Info, "a table row leaves its type or description cell empty; the field keeps what the row gives"},
}

// Severity returns the code's default severity; unknown codes are errors so
// that a typo cannot hide a problem.
func (c Code) Severity() Severity {
	if info, ok := registry[c]; ok {
		return info.severity
	}
	return Error
}

// Summary returns the one-line explanation of c, or "" when c is unknown.
func (c Code) Summary() string { return registry[c].summary }

// Known reports whether c is a registered code.
func (c Code) Known() bool {
	_, ok := registry[c]
	return ok
}

// Codes returns every registered code in order.
func Codes() []Code {
	codes := make([]Code, 0, len(registry))
	for c := range registry {
		codes = append(codes, c)
	}
	slices.SortFunc(codes, func(a, b Code) int { return strings.Compare(string(a), string(b)) })
	return codes
}
