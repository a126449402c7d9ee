package parser

import (
	"strings"

	"github.com/apigen/apigen/parser/ljson"
)

// Some tables list an object's members as plain rows right after the
// object's own row, with no mark of nesting (pricedetail | JSONObject,
// then pay, chargeCnt, price), and leave the nesting to the example
// beside them, where those keys sit inside the object. nestByExample
// nests such rows as the example does.

// nestByExample nests the rows of the endpoint's flat tables that the
// example of their side places inside the object named by a row above.
func nestByExample(ep *Endpoint) {
	for _, t := range ep.Request {
		nestTable(t, exampleValue(ep.RequestExample))
	}
	for _, t := range ep.Response {
		nestTable(t, exampleValue(ep.ResponseExample))
	}
}

func exampleValue(ex *Example) *ljson.Value {
	if ex == nil {
		return nil
	}
	return ex.Value
}

// nestTable nests the rows of a flat table by the example. The table's
// level in the example is the object holding its first row's name (the
// example may wrap it in an envelope). A row whose name is not a key at
// the level of the rows above it but is a key of the object the last
// container row holds is that container's member.
func nestTable(t *Table, example *ljson.Value) {
	if example == nil || len(t.Fields) < 2 || !flatTable(t) {
		return
	}
	top := objectHolding(example, t.Fields[0].Name)
	if top == nil {
		return
	}
	stack := []*ljson.Value{top}
	get := memberIndex()
	for _, f := range t.Fields {
		for len(stack) > 1 && get(stack[len(stack)-1], f.Name) == nil {
			stack = stack[:len(stack)-1]
		}
		v := get(stack[len(stack)-1], f.Name)
		if v == nil {
			return // the example does not know this row: leave the table as written
		}
		f.Depth = len(stack) - 1
		if obj := objectOf(v); obj != nil {
			stack = append(stack, obj)
		}
	}
}

// memberIndex returns ljson's Get, with the members of large objects
// indexed: a table of thousands of rows looks each up in an example of
// thousands of members.
func memberIndex() func(obj *ljson.Value, key string) *ljson.Value {
	index := map[*ljson.Value]map[string]*ljson.Value{}
	return func(obj *ljson.Value, key string) *ljson.Value {
		if len(obj.Members) < 16 {
			return obj.Get(key)
		}
		m, ok := index[obj]
		if !ok {
			m = make(map[string]*ljson.Value, len(obj.Members))
			for _, mem := range obj.Members {
				if _, dup := m[mem.Key]; !dup {
					m[mem.Key] = mem.Value
				}
			}
			index[obj] = m
		}
		return m[key]
	}
}

// flatTable reports a table whose rows say nothing of nesting.
func flatTable(t *Table) bool {
	for _, f := range t.Fields {
		if f.Depth != 0 || strings.ContainsAny(f.Name, ".[") {
			return false
		}
	}
	return true
}

// objectHolding finds the first object, breadth first, with the key.
func objectHolding(v *ljson.Value, key string) *ljson.Value {
	queue := []*ljson.Value{v}
	for len(queue) > 0 {
		cur := objectOf(queue[0])
		queue = queue[1:]
		if cur == nil {
			continue
		}
		if cur.Get(key) != nil {
			return cur
		}
		for _, m := range cur.Members {
			queue = append(queue, m.Value)
		}
	}
	return nil
}

// objectOf returns v if it is an object, or the first item of an array of
// objects.
func objectOf(v *ljson.Value) *ljson.Value {
	switch {
	case v == nil:
		return nil
	case v.Kind == ljson.Object:
		return v
	case v.Kind == ljson.Array && len(v.Items) > 0 && v.Items[0].Kind == ljson.Object:
		return v.Items[0]
	}
	return nil
}
