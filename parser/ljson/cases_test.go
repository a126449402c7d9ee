package ljson

// repairCase is one lenient-reading scenario: the source, the structure
// the reader must recover (see outline) and the diagnostics as code@line.
type repairCase struct {
	name  string
	src   string
	want  string
	diags []string
}

var repairCases = []repairCase{
	// Markdown escapes of brackets, from an example written in a page's
	// text: the backslashes go, escapes inside strings stay.
	{
		name:  "markdown-escaped brackets between tokens",
		src:   `{"extid":"1000","wakeup":\[{"time":"00:45","tags":\["a\\[b"\]}\]}`,
		want:  `{"extid":"1000","wakeup":[{"time":"00:45","tags":["a\\[b"]}]}`,
		diags: nil,
	},
	// Comments (J001).
	{
		name: "line comments to end of line",
		src: "{\n" +
			"  // 用户\n" +
			"  \"a\": 1, // c1\n" +
			"  \"b\": \"x\" // c2\n" +
			"  , \"c\": true /* c3 */, // c4\n" +
			"  \"d\": null\n" +
			"  // dropped\n" +
			"}",
		want:  `{"a":1/*用户 c1*/,"b":"x"/*c2*/,"c":true/*c3 c4*/,"d":null}`,
		diags: []string{"J001@2", "J001@3", "J001@4", "J001@5", "J001@5", "J001@7"},
	},
	{
		name: "comment after opening bracket goes to the member",
		src: "{\n" +
			"  \"user\": { // 用户\n" +
			"    \"id\": 1 // 编号\n" +
			"  }, // 对象\n" +
			"  \"tags\": [ // 标签\n" +
			"    \"a\", // 第一个\n" +
			"    // 第二个\n" +
			"    \"b\"\n" +
			"  ]\n" +
			"}",
		want:  `{"user":{"id":1/*编号*/}/*用户 对象*/,"tags":["a"/*第一个*/,"b"/*第二个*/]/*标签*/}`,
		diags: []string{"J001@2", "J001@3", "J001@4", "J001@5", "J001@6", "J001@7"},
	},
	{
		name: "comment after bracket of a described member goes to the first member",
		src: "{\n" +
			"  // 用户\n" +
			"  \"user\": { // 对象\n" +
			"    \"id\": 1\n" +
			"  }\n" +
			"}",
		want:  `{"user":{"id":1/*对象*/}/*用户*/}`,
		diags: []string{"J001@2", "J001@3"},
	},
	{
		name: "ordinary comments keep quotes, colons and brackets",
		src: "{\n" +
			"  \"state\": 1, // 状态: \"on\" 或 \"off\"\n" +
			"  \"ids\": [], // 见[文档]\n" +
			"  \"url\": \"http://x.cn/a\", // 地址 http://x.cn\n" +
			"  \"opt\": {} // 例如 {} 或 [ ]\n" +
			"}",
		want:  `{"state":1/*状态: "on" 或 "off"*/,"ids":[]/*见[文档]*/,"url":"http://x.cn/a"/*地址 http://x.cn*/,"opt":{}/*例如 {} 或 [ ]*/}`,
		diags: []string{"J001@2", "J001@3", "J001@4", "J001@5"},
	},
	{
		name:  "block comments",
		src:   "{\"a\": /* 前 */ 1 /* 多\n * 行 */, \"b\": 2}",
		want:  `{"a":1/*前 多 行*/,"b":2}`,
		diags: []string{"J001@1", "J001@1"},
	},
	{
		name:  "flattened one-line example",
		src:   `{ "id": "62640",//客户id "name": "定会",//客户名称 "extend_infos": [//自定义信息 { "type": "2",//类型 1 文字 2 日期 "item": "x" } ], "customer_name": "定会"// } `,
		want:  `{"id":"62640"/*客户id*/,"name":"定会"/*客户名称*/,"extend_infos":[{"type":"2"/*类型 1 文字 2 日期*/,"item":"x"}]/*自定义信息*/,"customer_name":"定会"}`,
		diags: []string{"J001@1", "J001@1", "J001@1", "J001@1", "J001@1"},
	},
	{
		name:  "flattened comment quoting a word",
		src:   `{ "a": "1",//值为"是" "b": 2 }`,
		want:  `{"a":"1"/*值为"是"*/,"b":2}`,
		diags: []string{"J001@1"},
	},
	// Commentary after a comma (J003).
	{
		name:  "commentary after comma",
		src:   `{"channel_name":"同行",渠道 "workshop_images":"x", "total_sales":"500",营业规模 "quality":"1"}`,
		want:  `{"channel_name":"同行"/*渠道*/,"workshop_images":"x","total_sales":"500"/*营业规模*/,"quality":"1"}`,
		diags: []string{"J003@1", "J003@1"},
	},
	{
		name:  "commentary before comma and in arrays",
		src:   "{\"a\": 1 元, \"b\": [1 个, 2], \"c\": 3}",
		want:  `{"a":1/*元*/,"b":[1/*个*/,2],"c":3}`,
		diags: []string{"J003@1", "J003@1"},
	},
	// Missing commas (J002).
	{
		name:  "missing comma between members",
		src:   `{"employees":"80"//员工数量 "agreement_images":"" "x": 1}`,
		want:  `{"employees":"80"/*员工数量*/,"agreement_images":"","x":1}`,
		diags: []string{"J001@1", "J002@1", "J002@1"},
	},
	{
		name:  "missing comma between items",
		src:   "[1 2\n\"a\" {\"b\": 1} [3]]",
		want:  `[1,2,"a",{"b":1},[3]]`,
		diags: []string{"J002@1", "J002@2", "J002@2", "J002@2"},
	},
	// Trailing commas (J005).
	{
		name:  "trailing commas",
		src:   "{\"a\": 1,\n \"b\": [1, 2,],\n}",
		want:  `{"a":1,"b":[1,2]}`,
		diags: []string{"J005@2", "J005@2"},
	},
	// JSON pasted inside a string (J004).
	{
		name:  "object pasted inside a string",
		src:   `{"checking_info": "{ "major_car":"alulalu",//主营车型 "region_code":"310115000", "employees":"80"//员工数量 "agreement_images":""//合作协议照片 "warehouse_images":"",//仓库照片 }",//json 数据 认证信息 "next": 1}`,
		want:  `{"checking_info":"{ \"major_car\":\"alulalu\",//主营车型 \"region_code\":\"310115000\", \"employees\":\"80\"//员工数量 \"agreement_images\":\"\"//合作协议照片 \"warehouse_images\":\"\",//仓库照片 }"=>{"major_car":"alulalu"/*主营车型*/,"region_code":"310115000","employees":"80"/*员工数量*/,"agreement_images":""/*合作协议照片*/,"warehouse_images":""/*仓库照片*/}/*json 数据 认证信息*/,"next":1}`,
		diags: []string{"J004@1", "J001@1", "J001@1", "J002@1", "J001@1", "J002@1", "J005@1", "J001@1", "J001@1"},
	},
	{
		name:  "array pasted inside a string",
		src:   `{"list": "[{"id": 1}, {"id": 2}]", "n": 2}`,
		want:  `{"list":"[{\"id\": 1}, {\"id\": 2}]"=>[{"id":1},{"id":2}],"n":2}`,
		diags: []string{"J004@1"},
	},
	{
		name:  "escaped JSON in a string and placeholders",
		src:   `{"data": "{\"a\": [1, 2]}", "p1": "{ msg_id }", "p2": "<<DATA>>", "p3": "{ msg_id }"说明, "p4": "[x" "y": 1}`,
		want:  `{"data":"{\"a\": [1, 2]}"=>{"a":[1,2]},"p1":"{ msg_id }","p2":"<<DATA>>","p3":"{ msg_id }"/*说明*/,"p4":"[x","y":1}`,
		diags: []string{"J003@1", "J002@1"},
	},
	// Unquoted and single-quoted keys and strings (J007).
	{
		name:  "unquoted and single-quoted",
		src:   "{a: 1, 'b': 'x y', c: 正常, d: 2020-01-01 12:00, e: http://x.cn/a, f: true}",
		want:  `{"a":1,"b":"x y","c":"正常","d":"2020-01-01 12:00","e":"http://x.cn/a","f":true}`,
		diags: []string{"J007@1", "J007@1", "J007@1", "J007@1", "J007@1", "J007@1", "J007@1", "J007@1", "J007@1", "J007@1"},
	},
	// Unreadable tokens and missing values (J008).
	{
		name:  "missing values",
		src:   "{\"a\": , \"b\":}",
		want:  `{"a":null,"b":null}`,
		diags: []string{"J008@1", "J008@1"},
	},
	{
		name:  "unreadable tokens",
		src:   "{\"a\": @@@, \"b\": [1, ..., 2], \"c\"  3, ;; \"d\": 4}",
		want:  `{"a":null,"b":[1,2],"c":3,"d":4}`,
		diags: []string{"J008@1", "J008@1", "J008@1", "J008@1", "J008@1"},
	},
	{
		name:  "mismatched closers",
		src:   "{\"a\": [1, 2}, \"b\": {\"c\": 1], \"d\": [{\"e\": 1]]}",
		want:  `{"a":[1,2],"b":{"c":1},"d":[{"e":1}]}`,
		diags: []string{"J008@1", "J008@1", "J008@1"},
	},
	// Text after the value (J009).
	{
		name:  "text after the value",
		src:   "{\"a\": 1}\n\n返回参数说明 {\"b\": 2}",
		want:  `{"a":1}`,
		diags: []string{"J009@3"},
	},
	// Numbers and strings are kept as written.
	{
		name:  "numbers keep their literal",
		src:   "[1.8, 001, -0, 1e5, +1, .5, 5., 0x1F, 1.2.3]",
		want:  `[1.8,001,-0,1e5,+1,.5,5.,"0x1F","1.2.3"]`,
		diags: []string{"J007@1", "J007@1"},
	},
	{
		name:  "string escapes",
		src:   "[\"a\\n\\t\\\"\\u4e2d\\ud83d\\ude00\", \"bad \\q \\u12\", \"ctl\x01\ttab\", \"lone \\ud800 x\", \"bytes \xff\xfe\"]",
		want:  `["a\n\t\"中😀","bad \\q \\u12","ctl\x01\ttab","lone � x","bytes ��"]`,
		diags: nil,
	},
	{
		name:  "tab-indented JSON",
		src:   "{\n\t\"a\": {\n\t\t\"b\": [\n\t\t\t1\n\t\t]\n\t}\n}",
		want:  `{"a":{"b":[1]}}`,
		diags: nil,
	},
	{
		name:  "Unicode spaces between tokens",
		src:   "{\u00a0\"a\":\u30001\ufeff}",
		want:  `{"a":1}`,
		diags: nil,
	},
	// Truncated input (J006).
	{
		name:  "truncated inside nested containers",
		src:   "{\"a\": [1, {\"b\": 2",
		want:  `{"a":[1,{"b":2}]}`,
		diags: []string{"J006@1"},
	},
	{
		name:  "truncated after a key",
		src:   "{\"a\": 1, \"b\"",
		want:  `{"a":1,"b":null}`,
		diags: []string{"J006@1"},
	},
	{
		name:  "truncated after a colon",
		src:   "{\"a\": 1, \"b\": ",
		want:  `{"a":1,"b":null}`,
		diags: []string{"J006@1"},
	},
	{
		name:  "truncated inside a string",
		src:   "{\"a\": [\"xy",
		want:  `{"a":["xy"]}`,
		diags: []string{"J006@1"},
	},
	{
		name:  "truncated inside a key",
		src:   "{\"a\": 1, \"b",
		want:  `{"a":1,"b":null}`,
		diags: []string{"J006@1"},
	},
	{
		name:  "truncated pasted object",
		src:   `{"a": "{ "b": 1, `,
		want:  `{"a":"{ \"b\": 1, "=>{"b":1}}`,
		diags: []string{"J004@1", "J006@1"},
	},
	// Scalars at the top level.
	{
		name:  "top-level scalars",
		src:   `"{\"a\":1}"`,
		want:  `"{\"a\":1}"=>{"a":1}`,
		diags: nil,
	},
	// No value at all (E008).
	{
		name:  "empty input",
		src:   " \n\t ",
		want:  `<nil>`,
		diags: []string{"E008@1"},
	},
	{
		name:  "prose",
		src:   "返回示例 {\"a\": 1}",
		want:  `<nil>`,
		diags: []string{"E008@1"},
	},
	{
		name:  "only a comment",
		src:   "// nothing here\n",
		want:  `<nil>`,
		diags: []string{"E008@1"},
	},
}

// seedInputs returns every table input, for the fuzz target.
func seedInputs() []string {
	var out []string
	for _, c := range repairCases {
		out = append(out, c.src)
	}
	return out
}
