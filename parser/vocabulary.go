package parser

// The one vocabulary of the page readers: the words of section labels,
// table headers, yes/no cells, types, locations, page chrome and callbacks,
// in simplified and traditional Chinese and English. Every reader and the
// assembler look words up here, so a word added here is read the same way
// on every kind of page.

// labelWords are the words of each section label; keys are matched after
// normLabel (case, white space and decoration do not matter).
var labelWords = map[label][]string{
	labelDescription: {"接口说明", "接口描述", "简要描述", "簡要描述", "功能说明", "接口功能", "功能描述", "描述", "接口简介", "功能简介",
		"Method description", "API description", "接口概述", "功能概述", "概述"},
	labelMethod: {"请求方式", "請求方式", "请求方法", "請求方法", "HTTP 方法", "HTTP方法", "HTTP请求方式", "Method", "HTTP Method", "HTTP 请求方法", "Request Method", "HTTP Verb"},
	labelURL: {"请求接口", "调用接口", "请求地址", "請求地址", "请求URL", "请求url", "請求URL", "接口地址", "API 地址", "API地址", "请求路径", "接口URL", "接口路径", "URL",
		"Request URL", "Path", "请求链接", "调用地址", "接口链接", "URL地址", "API URL", "Endpoint", "请求URL地址", "请求语法", "完整链接", "完整地址", "完整URL", "链接地址", "請求語法", "请求行", "Request Syntax", "URI", "请求URI", "HTTP Request", "HTTP请求",
		"API端点", "接口端点", "请求端点", "端点", "链接", "地址", "路径"},
	labelAuth: {"授權方式", "授权方式", "认证方式", "鉴权方式", "认证", "鉴权", "授权", "Authorization"},
	labelRequestExample: {"请求示例", "請求示例", "请求样例", "请求报文", "请求参数示例", "请求数据示例", "请求体示例", "Request Example", "API试用示例",
		"请求包结构体为", "请求包体", "请求JSON", "请求示例代码", "入参示例"},
	labelResponseExample: {"响应示例", "響應示例", "返回示例", "返回數據示例", "返回数据示例", "返回结果示例", "响应样例", "响应报文", "返回样例", "返回结果",
		"Response Example", "返回数据", "返回數據", "响应数据", "响应结果", "返回值示例", "返回示例代码", "正确返回示例", "成功返回示例", "响应体示例", "出参示例",
		"Response", "返回", "响应", "響應"},
	labelErrorExample: {"错误示例", "错误返回", "错误返回示例", "失败示例", "失败返回", "失败返回示例", "异常示例", "异常返回", "异常返回示例", "错误响应", "失败响应",
		"错误响应示例", "失败响应示例", "Error Example", "Error Response",
		// A table of error codes is what failures say, too.
		"错误码", "错误码说明", "错误码列表", "错误码表", "错误码对照表", "业务错误码", "全局错误码", "返回码说明", "返回码列表", "错误代码", "Error Codes", "Error Code"},
	labelDataExample: {"数据DATA示例", "DATA示例", "数据示例"},
	labelRequestParams: {"请求说明", "请求参数", "請求參數", "请求参数说明", "请求体", "Request Parameters", "请求", "請求", "Request", "请求头",
		"請求頭", "请求头参数", "请求体参数", "入参", "输入参数", "请求字段", "Body", "Header", "Headers", "Query", "Body参数", "Query参数",
		"Header参数", "Path参数", "路径参数", "URL参数", "URL parameters", "URL params", "Form URL-Encoded", "x-www-form-urlencoded", "Multipart", "form-data"},
	labelResponseParams: {"返回参数", "返回參數", "响应参数", "返回参数说明", "返回數據說明", "返回数据说明", "返回字段说明", "响应说明", "响应参数说明",
		"Response Parameters", "返回说明", "返回数据结构", "出参", "输出参数", "响应字段", "返回值", "返回值说明", "返回字段", "返回结果说明", "响应体"},
	labelParams: {"参数说明", "參數說明", "参数", "參數", "头部信息", "頭部信息", "Parameters", "Params"},
	labelCommon: {"公共参数", "公共请求参数", "公共请求头", "系统参数", "公共信息", "Common Parameters"},
	labelNote: {"消耗", "生成", "Consumes", "Produces", "Tags", "Security", "安全", "说明", "說明", "备注", "備註", "注意", "接口版本", "请求头示例", "最后更新", "更新时间", "文档更新时间", "状态限制", "状态跳转至",
		"注意事项", "版本"},
	labelAnyExample: {"示例", "例子", "样例", "範例", "Example", "Examples", "JSON示例", "调用示例"},
}

// weakLabelWords are label words common in prose (说明:, 参数:). They count
// only at the start of a line; after other text they are part of it, as in
// "接口说明:新增方案 说明: 仅限付费陈列".
var weakLabelWords = map[string]bool{"说明": true, "說明": true, "备注": true, "備註": true, "注意": true,
	"参数": true, "參數": true, "参数说明": true, "參數說明": true}

// commonPrefixes mark a label as one of the parameters every endpoint of a
// page shares (公共请求参数, 公共响应参数, Common Parameters).
var commonPrefixes = []string{"公共", "通用", "系统", "common", "public", "global"}

// locationWords name where a table's parameters go: "Header 参数说明",
// "请求头参数", "Body:", "Path Parameters", "HTTP 头".
var locationWords = []struct{ word, in string }{
	{"请求头", "header"}, {"請求頭", "header"}, {"头部", "header"}, {"http头", "header"}, {"头信息", "header"},
	{"headers", "header"}, {"header", "header"},
	{"请求体", "body"}, {"請求體", "body"}, {"body", "body"}, {"formdata", "body"},
	{"urlencoded", "body"}, {"multipart", "body"}, {"form", "body"}, {"表单", "body"},
	{"query", "query"}, {"查询参数", "query"}, {"路径", "path"}, {"path", "path"},
	// URL parameters are the query's; a path's are named as such above.
	{"url参数", "query"}, {"url", "query"},
}

// The parts a composed label is made of (响应Body参数, Query Parameters,
// Example Response): its side, its noun.
var (
	requestWords  = []string{"请求", "請求", "request", "入参", "输入", "input"}
	responseWords = []string{"响应", "響應", "返回", "回复", "应答", "response", "出参", "输出", "output"}
	paramNouns    = []string{"参数", "參數", "字段", "元素", "属性", "说明", "說明", "数据", "格式", "结构", "内容", "format", "structure", "parameters", "parameter", "params", "param", "fields", "field", "elements", "attributes", "properties", "detail", "details"}
	exampleNouns  = []string{"示例", "样例", "例子", "事例", "实例", "範例", "示範", "example", "sample", "document"}
	resultNouns   = []string{"结果", "result"}
)

// headerWords are the words of table headers by the role of their column;
// keys are normalised with normHeader.
var headerWords = map[string]column{}

func init() {
	add := func(c column, words ...string) {
		for _, w := range words {
			headerWords[normHeader(w)] = c
		}
	}
	add(colName, "参数", "参数名", "参数名称", "參數", "參數名", "參數名稱", "字段", "字段名", "字段名称", "欄位", "名称", "名稱",
		"属性", "属性名", "變數", "变量", "变量名", "请求参数", "返回参数", "响应参数", "返回字段", "元素", "节点",
		"头部名称", "头部字段", "请求头名称", "header名称", "headername", "字段key", "参数key", "键", "键名", "英文名", "英文名称", "字段英文名", "参数英文名", "字段标识", "参数标识", "标识",
		"parameter", "parameters", "param", "params", "name", "field", "fieldname", "parametername", "property", "key", "attribute",
		// The first column of an error-code table names the code.
		"错误码", "错误代码", "errorcode")
	add(colType, "类型", "類型", "参数类型", "參數類型", "数据类型", "數據類型", "字段类型", "欄位類型", "值类型",
		"type", "datatype", "valuetype")
	add(colRequired, "必填", "必选", "必須", "必须", "必需", "是否必须", "是否必須", "是否必填", "是否必选", "是否必需", "必要",
		"必传", "必傳", "是否必传", "是否必傳", "必填项", "是否必要", "必输", "是否必输",
		"required", "mandatory", "isrequired")
	add(colOptional, "可选", "是否可空", "可为空", "是否可为空", "允许为空", "optional", "nullable")
	add(colDescription, "说明", "說明", "描述", "参数说明", "參數說明", "字段说明", "字段說明", "备注", "備註", "含义", "含義",
		"解释", "意义", "注释", "参数描述", "字段描述", "详细说明", "description", "desc", "remark", "remarks", "comment", "notes", "note", "meaning")
	add(colDefault, "默认值", "默認值", "默认", "默認", "缺省值", "default", "defaultvalue")
	add(colExample, "示例", "示例值", "参数值", "參數值", "参数示例值", "例子", "样例", "範例", "举例", "例值", "example", "examplevalue", "sample")
	add(colIn, "位置", "参数位置", "參數位置", "传参方式", "传参类型", "传递方式", "传递类型", "请求位置", "in", "location", "paramtype")
}

var (
	yesWords = map[string]bool{"是": true, "y": true, "yes": true, "true": true, "必填": true, "必选": true, "必须": true,
		"必須": true, "必需": true, "必传": true, "必傳": true, "required": true, "mandatory": true, "√": true, "✓": true, "✔": true,
		"m": true} // M/C/O: mandatory, conditional (unknown), optional
	noWords = map[string]bool{"否": true, "n": true, "no": true, "false": true, "可选": true, "可選": true, "非必填": true,
		"选填": true, "選填": true, "非必须": true, "非必須": true, "非必需": true, "非必传": true, "不必填": true, "optional": true, "×": true, "✗": true,
		"o": true}
)

// typeWords are type names that follow another as a second word in copied
// tables ("Array Hash"); a description never is such a word alone.
var typeWords = map[string]bool{"hash": true, "object": true, "map": true, "list": true, "array": true, "string": true,
	"integer": true, "int": true, "long": true, "boolean": true, "number": true}

// cjkTypeWords are the Chinese type names vendors write in a type column.
// A plain-text row has no cell borders, so only a whole token from this
// list is taken as a type; anything else starts the description.
var cjkTypeWords = map[string]bool{
	"字符串": true, "字符": true, "文本": true, "字符型": true,
	"整数": true, "整型": true, "数字": true, "长整型": true, "长整数": true,
	"浮点": true, "浮点数": true, "小数": true, "数值": true, "金额": true,
	"布尔": true, "布尔值": true, "数组": true, "集合": true, "列表": true, "对象": true,
	"日期": true, "时间": true, "日期时间": true, "文件": true,
}

// urlArtifacts are button captions copied along with a URL.
var urlArtifacts = map[string]bool{"在线调试": true, "在線調試": true, "调试": true, "复制": true, "Copy": true, "Try": true}

// gluedArtifacts are the captions also cut when copied without the space
// before them ("…/{msg_id}在线调试"), longest first. ASCII captions are not:
// "/retry" ends in "try".
var gluedArtifacts = []string{"在线调试", "在線調試", "调试", "复制"}

// chromeWords are captions of buttons and navigation that saving or copying
// a rendered page leaves behind; they are never a title.
var chromeWords = map[string]bool{
	"导航": true, "目录": true, "复制全文": true, "我的收藏": true, "有用": true, "无用": true, "分享": true,
	"收藏": true, "返回顶部": true, "上一篇": true, "下一篇": true, "编辑": true, "评论": true, "页面列表": true,
	"在线调试": true, "复制": true, "全屏": true, "目录导航": true, "跳到主要内容": true, "跳转到主要内容": true, "skip to main content": true, "本页总览": true,
}

// titleStop holds the characters a sentence or a label has and a title
// does not.
const titleStop = ":：。，,;；!！?？"

// callbackWords name a call the vendor makes to the user's server in a
// section's title: 支付结果通知, 回调通知, 主动推送, Webhook.
var callbackWords = []string{"回调", "回調", "通知", "主动推送", "主動推送", "推送通知", "异步返回", "異步返回", "callback", "webhook", "notify", "notification"}

// captionWords mark a line above an example as its caption, not stray text.
var captionWords = []string{"返回", "响应", "示例", "样例", "成功", "失败", "错误", "正确", "异常", "response", "example", "success", "error", "fail"}

// Words that tell a failure example (错误时返回, 失败示例) from a success one.
var (
	failureWords = []string{"错误", "失败", "异常", "error", "fail"}
	successWords = []string{"正确", "成功", "success"}
)

// testEnvironmentWords mark an address as a test one (测试环境, 联调地址),
// which a production address stated beside it outranks.
var testEnvironmentWords = []string{"测试", "測試", "联调", "聯調", "沙箱", "预发", "sandbox", "test", "dev", "uat", "staging"}

// definitionWords name a section of type definitions (== 定义, Models).
var definitionWords = []string{"定义", "模型", "数据结构", "数据模型", "对象", "实体", "definitions", "models", "schemas", "types"}

// parentWords introduce the parent element a description names, as docs
// of XML responses write it ("父节点：ListBucketResult.Contents"); the
// field nests under that path.
var parentWords = []string{"父节点", "父元素", "上级节点", "上级元素", "parent node", "parent element", "parent"}

// containerTypeWords are type names of values that hold members: a row of
// such a type may have rows of its own below it.
var containerTypeWords = map[string]bool{"object": true, "array": true, "list": true, "map": true, "hash": true, "dict": true,
	"json": true, "jsonobject": true, "jsonarray": true, "struct": true, "对象": true, "数组": true, "集合": true, "列表": true}

// isContainerType reports a type text naming an object or an array.
func isContainerType(text string) bool {
	t := ReadType(text)
	return t.Array || containerTypeWords[t.Name]
}

// referenceWords point from a field's description to another part of the
// page that describes the field (见下方, 详见, see below).
var referenceWords = []string{"见", "參見", "参考", "see "}
