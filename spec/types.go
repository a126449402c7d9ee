package spec

import (
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/parser"
)

// typeKind is what a doc's type text means.
type typeKind int

const (
	kindUnknown typeKind = iota
	kindNone             // no type text at all
	kindString
	kindInt32
	kindInt64
	kindDecimal // fixed-point, carried as a string
	kindNumber
	kindBool
	kindArray
	kindObject
	kindJSON // any JSON value
	kindDate
	kindDateTime
	kindFile
)

// vocabulary is the one table from doc type names to meanings. Names are
// lower case; Chinese names are the ones vendors write in their tables.
var vocabulary = map[string]typeKind{}

func init() {
	add := func(k typeKind, names string) {
		for _, n := range strings.Fields(names) {
			vocabulary[n] = k
		}
	}
	add(kindString, "varchar char nvarchar nchar varchar2 string str text longtext mediumtext tinytext clob uuid enum email url 字符串 字符 文本 字符型")
	add(kindInt32, "int integer int4 int32 smallint tinyint short mediumint byte uint int16 uint32 整数 整型 数字")
	add(kindInt64, "int8 bigint long int64 uint64 bigserial 长整型 长整数")
	add(kindDecimal, "numeric decimal money bigdecimal 金额")
	add(kindNumber, "number float double real float32 float64 浮点 浮点数 小数 数值")
	add(kindBool, "bool boolean 布尔 布尔值")
	add(kindArray, "list array arraylist jsonarray set 数组 集合 列表")
	add(kindObject, "object map dict hash hashmap jsonobject struct 对象")
	add(kindJSON, "json any mixed")
	add(kindDate, "date 日期")
	add(kindDateTime, "datetime timestamp timestamptz time 时间 日期时间")
	add(kindFile, "file binary blob multipartfile 文件")
}

// kindOf reads a type text through the vocabulary. json(map) and
// json(array) say their shape in the argument; number(10,2) is a decimal.
func kindOf(t parser.TypeText) typeKind {
	if t.Raw == "" {
		return kindNone
	}
	if t.Array {
		return kindArray
	}
	k, ok := vocabulary[t.Name]
	if !ok {
		return kindUnknown
	}
	switch {
	case k == kindJSON && (t.Sub == "map" || t.Sub == "object"):
		return kindObject
	case k == kindJSON && (t.Sub == "array" || t.Sub == "list"):
		return kindArray
	case k == kindNumber && len(t.Params) == 2 && t.Params[1] > 0:
		return kindDecimal
	case k == kindNumber && len(t.Params) >= 1:
		return kindInt64 // NUMBER(15) holds integers
	case k == kindDecimal && len(t.Params) == 1:
		return kindInt64 // NUMERIC(15) has no scale
	}
	return k
}

// scalarSchema builds the schema for a scalar type text. The doc's own text
// is kept in x-apigen-doc-type by the caller.
func scalarSchema(t parser.TypeText, k typeKind) *openapi3.Schema {
	s := &openapi3.Schema{}
	switch k {
	case kindString, kindUnknown, kindNone:
		s.Type = &openapi3.Types{openapi3.TypeString}
		if len(t.Params) > 0 && t.Params[0] > 0 && (k == kindString) {
			n := uint64(t.Params[0])
			s.MaxLength = &n
		}
	case kindInt32:
		s.Type = &openapi3.Types{openapi3.TypeInteger}
		s.Format = "int32"
	case kindInt64:
		// Vendors send 64-bit ids as strings as often as numbers, and
		// JavaScript cannot hold them as numbers: accept both.
		s.Type = &openapi3.Types{openapi3.TypeInteger, openapi3.TypeString}
		s.Format = "int64"
		s.Pattern = `^-?[0-9]+$`
	case kindDecimal:
		// A fixed-point amount travels as a string so no digit is lost;
		// a JSON number is accepted too.
		s.Type = &openapi3.Types{openapi3.TypeString, openapi3.TypeNumber}
		s.Format = "decimal"
		s.Pattern = decimalPattern(t.Params)
	case kindNumber:
		s.Type = &openapi3.Types{openapi3.TypeNumber}
	case kindBool:
		s.Type = &openapi3.Types{openapi3.TypeBoolean}
	case kindDate:
		s.Type = &openapi3.Types{openapi3.TypeString}
		s.Format = "date"
	case kindDateTime:
		s.Type = &openapi3.Types{openapi3.TypeString}
	case kindFile:
		s.Type = &openapi3.Types{openapi3.TypeString}
		s.ContentMediaType = "application/octet-stream"
	case kindJSON:
		// Any JSON value: no type keyword at all.
	}
	return s
}

// decimalPattern bounds the digits of NUMERIC(p, s): at most p-s before the
// point and s after it.
func decimalPattern(params []int) string {
	if len(params) == 2 && params[0] > params[1] && params[1] > 0 {
		return fmt.Sprintf(`^-?[0-9]{1,%d}(\.[0-9]{1,%d})?$`, params[0]-params[1], params[1])
	}
	return `^-?[0-9]+(\.[0-9]+)?$`
}
