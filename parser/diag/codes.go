package diag

import (
	"fmt"
	"slices"
	"strings"
)

// Code identifies a kind of problem. Every code is a named constant, so a
// misspelt code does not compile. Codes print as a letter and three digits
// ("W017"); those stay stable: tools and CI gates match on them, so a number
// is never reused for another meaning. The letter gives the default
// severity (E error, W warning, I info; J marks lenient-JSON repairs).
type Code uint16

// The codes apigen reports. `apigen lint -explain CODE` prints the summary
// registered for each below.
const (
	_ Code = iota

	// Reading the input and building the spec.
	ReadFailed        // E001
	NoEndpoint        // E002
	NotText           // E003
	InvalidSpec       // E004
	DuplicateRoute    // E005
	UnknownFormat     // E006
	BadConfig         // E007
	UnreadableExample // E008
	MissingURL        // E009
	UnusedOverride    // E010

	// Document structure.
	IgnoredText        // W001
	HTMLStripped       // W002
	MalformedLabel     // W003
	RepeatedField      // W004
	UnknownType        // W005
	SkippedRow         // W006
	UndeclaredField    // W007
	WireTypeConflict   // W009
	MovedRow           // W010
	CreatedParent      // W011
	ContradictedRule   // W012
	ScalarWithChildren // W013
	NoHost             // W015
	MislabelledBlock   // W016
	NoMethod           // W017
	RenamedOperation   // W018
	JSONInString       // W020
	Unsupported        // W021
	NotUTF8            // W022
	ExtraCells         // W025
	ExampleMismatch    // W027
	MisplacedColumns   // W029
	MissingCells       // W030
	UnclosedRawText    // W031
	ControlChars       // W032
	SharedURL          // W033
	StaleDoc           // W034
	NestedTooDeep      // W035
	DroppedIn30        // W036
	AssumedSuccess     // W037
	AssumedAuth        // W038
	PartialCrawl       // W039
	GroupConflict      // W040
	AssumedPaging      // W041

	// Lenient JSON repairs: the example was readable only after a repair.
	CommentAsDescription      // J001
	MissingComma              // J002
	TrailingTextAsDescription // J003
	QuotedJSONInString        // J004
	TrailingComma             // J005
	UnclosedJSON              // J006
	LooseQuoting              // J007
	SkippedToken              // J008
	TextAfterJSON             // J009
	TooDeep                   // J010

	// Inference notes.
	NoRequiredMarks   // I001
	UnsentField       // I003
	EmptyCell         // I004
	CommonTable       // I005
	EmptyTable        // I006
	MappedIn30        // I007
	ConvertedSwagger2 // I008
	SkippedPages      // I009
)

type codeInfo struct {
	id       string
	severity Severity
	summary  string
}

// registry is the one list of codes apigen reports, indexed by Code.
var registry = [...]codeInfo{
	// Reading the input and building the spec.
	ReadFailed:        {"E001", Error, "the input cannot be read: missing file, unreadable bytes or a failed download"},
	NoEndpoint:        {"E002", Error, "nothing on the page reads as an endpoint: no URL or request line, no method, no titled parameter table or example; check the format (-from) and that the page is not a login or script shell"},
	NotText:           {"E003", Error, "the document is not text (binary bytes) or is too large to be a doc page"},
	InvalidSpec:       {"E004", Error, "the spec is not valid OpenAPI: kin-openapi validation failed; the message names the JSON pointer"},
	DuplicateRoute:    {"E005", Error, "two endpoints share a method and path and nothing tells them apart; the later one is dropped (give it another path with an override); operations one gateway tells apart by a fixed parameter are kept instead (W033)"},
	UnknownFormat:     {"E006", Error, "the document format could not be recognised; name it with -from"},
	BadConfig:         {"E007", Error, "the configuration file is invalid: unknown key, wrong type or missing value"},
	MissingURL:        {"E009", Error, "an endpoint names no request URL, so the spec cannot hold it; the message says how to give one with an override in apigen.yaml"},
	UnusedOverride:    {"E010", Error, "an override in apigen.yaml names no endpoint of its API, or a title several endpoints share"},
	UnreadableExample: {"E008", Error, "a JSON example could not be read at all, even leniently; the table alone describes the shape"},
	// Document structure.
	IgnoredText:        {"W001", Warning, "text apigen could not place was ignored: a value a label could not use (not a URL, not a method), text glued before a URL label, text where an example should be, or text after a URL"},
	HTMLStripped:       {"W002", Warning, "inline HTML in a table cell or description was stripped"},
	MalformedLabel:     {"W003", Warning, "a label line is malformed (for example `POST(HTTPS` without its closing parenthesis) and was read anyway"},
	RepeatedField:      {"W004", Warning, "a table row repeats a field already declared; the rows were merged into one field"},
	UnknownType:        {"W005", Warning, "the type text is not in the type vocabulary; the field is typed as a string"},
	SkippedRow:         {"W006", Warning, "a table row was skipped: it has no name, or one cell spans every column (a note inside the table)"},
	UndeclaredField:    {"W007", Warning, "the example sends a field the table does not declare; the field was added from the example"},
	WireTypeConflict:   {"W009", Warning, "the example's wire type or value disagrees with the table's type (a list for a scalar, text in a number column, a fraction or a value beyond 32 bits in an INT one; a default, limit or description may show the last too); the evidence decides the wire shape"},
	MovedRow:           {"W010", Warning, "a table row is nested under a parent the example does not use; it was moved to where the example puts it"},
	CreatedParent:      {"W011", Warning, "a nested row names a parent the table never declares; the parent was created from the name (and the example)"},
	ContradictedRule:   {"W012", Warning, "a constraint inferred from the description (enum, layout, limit) is contradicted by the doc's own example; it is kept as documentation only"},
	ScalarWithChildren: {"W013", Warning, "a field typed as a scalar has nested rows; it was made an object or array of objects"},
	NoHost:             {"W015", Warning, "the doc gives no host: the spec's server is \"/\" (or a server variable for a host written as a placeholder) until apigen.yaml names one with servers"},
	MislabelledBlock:   {"W016", Warning, "a label does not match what follows it (for example `参数说明:` above a response example): apigen went by the content"},
	NoMethod:           {"W017", Warning, "the endpoint names no HTTP method, on its own section or for the page: POST was assumed (an override in apigen.yaml sets another)"},
	RenamedOperation:   {"W018", Warning, "two endpoints would get the same operationId; the later one was renamed"},
	JSONInString:       {"W020", Warning, "an example value sent as a string holds JSON; it was modelled as JSON carried inside a string"},
	Unsupported:        {"W021", Warning, "an OpenAPI construct is not supported by the Go generator; the warning names its JSON pointer and what was generated instead (raw JSON, a skipped route or header)"},
	NotUTF8:            {"W022", Warning, "the text is not UTF-8; it was decoded as GB18030 (GBK)"},
	ExtraCells:         {"W025", Warning, "a table has more cells in a row than header columns; the extra cells were joined into the description"},
	ExampleMismatch:    {"W027", Warning, "a request or response example in the doc does not validate, as written, against the schema built from its tables (JSON carried in a string is checked against its contentSchema); the message names each value that breaks it"},
	MisplacedColumns:   {"W029", Warning, "a table's rows do not stand under its header: the required and type columns are swapped in every row, the header lost the empty cell above the names, or every row has an empty cell the header has no column for; the columns were read by their content"},
	MissingCells:       {"W030", Warning, "a table row has fewer cells than the header has columns; the missing cells were read as empty"},
	SharedURL:          {"W033", Warning, "several operations share a method and URL (one gateway told apart by a parameter); each is kept on the URL with a #fragment naming it"},
	StaleDoc:           {"W034", Warning, "a doc URL now answers with a page in which nothing reads as an endpoint (a login, error or script page); the copy last found good was used instead"},
	ControlChars:       {"W032", Warning, "the text holds control characters or terminal escapes; they were read as spaces"},
	UnclosedRawText:    {"W031", Warning, "an HTML element that holds raw text (<title>, <textarea>, <script>) is never closed and would hide the rest of the page; its start tag was read as text"},
	NestedTooDeep:      {"W035", Warning, "fields nest deeper than apigen models (32 levels, by dotted names, depth marks or the example); the field at the limit is a free-form object and the fields below it were cut"},
	DroppedIn30:        {"W036", Warning, "the OpenAPI 3.0 variant of the spec drops a 3.1 keyword that 3.0 has no form for (if/then/else, prefixItems, patternProperties, $defs and the like); the 3.1 spec keeps it, the 3.0 one does not check it"},
	AssumedAuth:        {"W038", Warning, "the doc's parameters say how requests are authenticated (access_token with a token endpoint, app_key + timestamp + sign, an API key header) but not all of the recipe: apigen took the usual one for that family (the md5 sign over the sorted parameters, expiry codes unknown so a token is fetched again only on HTTP 401) and says which; the auth key of apigen.yaml sets it"},
	AssumedSuccess:     {"W037", Warning, "responses come in a recognised envelope (code/msg/data and the like) but the doc documents no success values; the code of its success example, or the envelope's usual success value (0, \"0\", 1 for status, true), was assumed, and any other code is an *APIError; the envelope key of apigen.yaml sets them"},
	GroupConflict:      {"W040", Warning, "the groups of a spec viewer read as one API (group: \"*\") define the same operation or the same schema name differently; the first group's is kept, and the message names what differs"},
	AssumedPaging:      {"W041", Warning, "a list call looks paged (a page and size, an offset and limit, or a cursor parameter) but the doc leaves part of the paging unsaid: with no total, page count, has_more or last-page member the client's iterator takes a page shorter than the first, or an empty one, for the last (the message says so); with no list in the answer, or no member handing on the next cursor, no iterator is generated; the paging key of apigen.yaml says it outright"},
	PartialCrawl:       {"W039", Warning, "the crawl of a doc site (platform: site) did not read every page below the start URL: a limit (max_pages, max_depth) stopped it, or a page could not be downloaded; the message says which and how many pages were left out"},
	// Lenient JSON repairs: the example was readable only after a repair.
	CommentAsDescription:      {"J001", Info, "a comment in a JSON example became the description of the value before it"},
	MissingComma:              {"J002", Warning, "a missing comma between JSON members was inserted"},
	TrailingTextAsDescription: {"J003", Info, "commentary text after a comma in a JSON example became the description of the value before it"},
	QuotedJSONInString:        {"J004", Warning, "a JSON object pasted inside a string with unescaped quotes was read as JSON carried in a string"},
	TrailingComma:             {"J005", Info, "a trailing comma in a JSON example was ignored"},
	UnclosedJSON:              {"J006", Warning, "the JSON example ends before its brackets close; the open values were closed"},
	LooseQuoting:              {"J007", Info, "an unquoted or single-quoted key or string in a JSON example was accepted"},
	SkippedToken:              {"J008", Warning, "an unreadable token in a JSON example was skipped"},
	TextAfterJSON:             {"J009", Warning, "text after the end of a JSON example was ignored"},
	TooDeep:                   {"J010", Warning, "a JSON example nests deeper than apigen reads; the deeper part was cut"},
	// Inference notes.
	NoRequiredMarks:   {"I001", Info, "the document gives no required marks; required is unknown, not false"},
	UnsentField:       {"I003", Info, "the table declares a field the example does not send"},
	EmptyCell:         {"I004", Info, "a table row leaves its type or description cell empty; the field keeps what the row gives"},
	CommonTable:       {"I005", Info, "a table of parameters every endpoint of the page shares (公共参数) is kept as the page's common parameters; on a page of several endpoints it is not added to each"},
	EmptyTable:        {"I006", Info, "a parameter table has a header and no rows: the page never wrote them, or a rendering broke them off the header where apigen could not find them; check the page"},
	ConvertedSwagger2: {"I008", Info, "the spec is Swagger 2.0 (what Java doc generators serve at /v2/api-docs and doc platforms export); it was converted to OpenAPI 3.0 with kin-openapi's openapi2conv before anything else read it, so positions in later diagnostics are of the converted spec, not of the file"},
	SkippedPages:      {"I009", Info, "pages of a doc site or platform project that say nothing about an API (no method and path, no request or response words, no endpoint: an introduction, a changelog) were not read as docs; the message counts them"},
	MappedIn30:        {"I007", Info, "the OpenAPI 3.0 variant of the spec says what 3.0 has no keyword for in an x- extension and the description: JSON carried in a string (x-apigen-content-schema), webhooks (x-webhooks), or the first of several schema examples"},
}

// String returns the code as printed: a letter and three digits.
func (c Code) String() string {
	if c.Known() {
		return registry[c].id
	}
	return fmt.Sprintf("code(%d)", uint16(c))
}

// MarshalText writes the code as printed, for -format json.
func (c Code) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText reads a printed code.
func (c *Code) UnmarshalText(b []byte) error {
	code, ok := ParseCode(string(b))
	if !ok {
		return fmt.Errorf("unknown diagnostic code %q", b)
	}
	*c = code
	return nil
}

// ParseCode finds the code printed as s ("W017", case-insensitive).
func ParseCode(s string) (Code, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	for c := range registry {
		if Code(c).Known() && registry[c].id == s {
			return Code(c), true
		}
	}
	return 0, false
}

// Severity returns the code's default severity; an unknown code is an
// error, so that a code without a registry entry cannot hide a problem.
func (c Code) Severity() Severity {
	if c.Known() {
		return registry[c].severity
	}
	return Error
}

// Summary returns the one-line explanation of c, or "" when c is unknown.
func (c Code) Summary() string {
	if c.Known() {
		return registry[c].summary
	}
	return ""
}

// Known reports whether c is a registered code.
func (c Code) Known() bool { return int(c) < len(registry) && registry[c].id != "" }

// Compare orders codes by their printed form.
func (c Code) Compare(d Code) int { return strings.Compare(c.String(), d.String()) }

// Codes returns every registered code in printed order.
func Codes() []Code {
	var codes []Code
	for c := range registry {
		if Code(c).Known() {
			codes = append(codes, Code(c))
		}
	}
	slices.SortFunc(codes, Code.Compare)
	return codes
}
