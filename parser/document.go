// Package parser reads API doc pages (Waiqin-style plain text, ShowDoc HTML
// and Markdown, Markdown API docs, generic HTML tables) into a Document: what
// the page says, as written, with positions. It does not decide types or
// nesting; the spec package does that from the Document.
package parser

import (
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/parser/ljson"
)

// Document is one doc page.
type Document struct {
	File      string
	Format    Format
	Title     string // the page's own title, when it has one
	Endpoints []*Endpoint
	// Common are the tables of parameters every endpoint of the page
	// shares (公共请求参数, 公共响应参数), when the page documents several
	// endpoints; a page of one endpoint has them in its own tables.
	Common []*Table
	// Types are the field tables of the types a page defines apart from
	// its endpoints (== 定义 / === AddressVo), named by their type; a field
	// whose type names one has its rows.
	Types       []*Table
	Diagnostics diag.List
}

// Endpoint is one API operation as the page describes it.
type Endpoint struct {
	Pos         diag.Pos // the endpoint's heading or first line
	Title       string   // heading, e.g. 付费陈列方案新增
	Description string   // 接口说明 / 简要描述
	Group       string   // the group heading above it, e.g. 促销接口

	Method    string // upper case; "" when the page does not say
	MethodPos diag.Pos
	URL       string // as written, with path templates normalised to {name}
	URLPos    diag.Pos
	Auth      string // the page's authorisation note, e.g. 通用授權

	// Webhook marks a call the vendor makes to the user's server (回调,
	// 异步通知, callback): its request tables describe what the vendor
	// sends, and it needs no URL of the vendor's.
	Webhook bool

	Request  []*Table // request parameter tables, in page order
	Response []*Table // response field tables (data and envelope), in page order

	RequestExample  *Example
	ResponseExample *Example   // the whole response, usually with the envelope
	DataExample     *Example   // the envelope's data on its own (数据DATA示例)
	ErrorExamples   []*Example // failure responses (错误示例, 失败返回)
	// ErrorTables are the tables under a failure label (Error response,
	// 错误响应): error names or the error body, not the success response.
	ErrorTables []*Table
}

// TableRole says what a table describes.
type TableRole int

const (
	RoleRequest  TableRole = iota // request parameters or body fields
	RoleResponse                  // response data fields
	RoleEnvelope                  // the vendor envelope's own fields (return_code, ...)
)

func (r TableRole) String() string {
	return [...]string{"request", "response", "envelope"}[r]
}

// Table is one parameter table.
type Table struct {
	Pos  diag.Pos
	Role TableRole
	Name string // caption naming the type or field it describes (e.g. AppServerQueryOrderResp), if any
	// Within is set when the caption says the rows are the named field's
	// ("invoice_items 中的每个 item"): the field exists even if no row
	// declares it.
	Within  bool
	Headers []string // header cells as written
	Fields  []*Field
}

// Required is what a page says about whether a field must be sent.
type Required int

const (
	RequiredUnknown Required = iota // the page says nothing: not false, not true
	RequiredYes
	RequiredNo
)

func (r Required) String() string {
	return [...]string{"unknown", "yes", "no"}[r]
}

// Field is one table row.
type Field struct {
	Pos         diag.Pos
	Name        string // as written: "reqInfo.data", "data.key", "rows[].pd_code", "└ id"
	Type        string // type text as written, trimmed: "NUMERIC(15, 2)", "VARCHAR (32)"
	TypePos     diag.Pos
	Required    Required
	RequiredRaw string // the cell as written (是, 否, 特殊可选, ...)
	Description string // HTML stripped, whitespace collapsed
	Default     string
	Example     string
	In          string // "query", "path", "header", "body" when the page says; "" otherwise
	Depth       int    // nesting depth given by a prefix (└, ├─, --, indentation), 0 when none
	Extra       []Cell // columns outside the header vocabulary, kept not dropped
}

// Cell is a header/value pair from a column apigen has no role for.
type Cell struct {
	Header string
	Value  string
}

// Example is a JSON example block, read leniently.
type Example struct {
	Pos   diag.Pos
	Text  string       // the block as written
	Value *ljson.Value // nil when nothing could be recovered
}
