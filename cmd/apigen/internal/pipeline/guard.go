package pipeline

import (
	"maps"
	"os"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/spec/diff"
	"github.com/apigen/apigen/spec/oas"
)

// removals returns what spec, the new one, would drop of the checked-in one:
// operations, with diff's account of each, and component schemas. A doc
// edit that loses endpoints (a page that moved, a table the reader no
// longer finds) must not reach a repository unnoticed: the caller refuses
// to write unless removals are allowed. nil means nothing would go, or
// there is no checked-in spec to compare against.
func (o *output) removals(spec *openapi3.T) *diff.Report {
	if o.checkedIn == "" {
		return nil
	}
	data, err := os.ReadFile(o.checkedIn)
	if err != nil {
		return nil
	}
	// Most builds drop nothing, which what the checked-in spec names says
	// without loading it; loading it (tens of seconds and gigabytes for
	// ten thousand operations) is left to the builds that must tell what
	// they drop.
	if names, ok := oas.ReadInventory(data); ok && !dropsAny(names, spec) {
		return nil
	}
	old, _ := oas.LoadData(o.checkedIn, data)
	if old == nil {
		return nil
	}
	gone := map[[2]string]bool{}
	for path, item := range pathItems(old) {
		for method := range item.Operations() {
			if newItem := spec.Paths.Value(path); newItem == nil || newItem.GetOperation(method) == nil {
				gone[[2]string{method, path}] = true
			}
		}
	}
	var report diff.Report
	if len(gone) > 0 {
		for _, c := range diff.Compare(old, spec).Changes {
			if gone[[2]string{c.Method, c.Path}] && c.Class == diff.Breaking {
				report.Changes = append(report.Changes, c)
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(schemas(old))) {
		if _, ok := schemas(spec)[name]; !ok {
			report.Changes = append(report.Changes, diff.Change{Class: diff.Breaking, Pointer: "/components/schemas/" + name,
				Message: "schema " + name + " removed"})
		}
	}
	if len(report.Changes) == 0 {
		return nil
	}
	return &report
}

// dropsAny reports whether spec lacks an operation or a schema that old
// names.
func dropsAny(old oas.Inventory, spec *openapi3.T) bool {
	for op := range old.Operations {
		if item := spec.Paths.Value(op[1]); item == nil || item.GetOperation(op[0]) == nil {
			return true
		}
	}
	for name := range old.Schemas {
		if _, ok := schemas(spec)[name]; !ok {
			return true
		}
	}
	return false
}

func pathItems(t *openapi3.T) map[string]*openapi3.PathItem {
	if t.Paths == nil {
		return nil
	}
	return t.Paths.Map()
}

func schemas(t *openapi3.T) openapi3.Schemas {
	if t.Components == nil {
		return nil
	}
	return t.Components.Schemas
}
