package generator

import (
	"os"
	"runtime"
	"testing"
	"weak"

	"github.com/apigen/apigen/spec/oas"
)

// TestPlanLetsGoOfTheSpec checks that a plan, once its spec is released,
// holds nothing of the spec's model: Generate writes the package of a
// large spec without keeping its model alive.
func TestPlanLetsGoOfTheSpec(t *testing.T) {
	src, err := os.ReadFile("../generated/waiqin/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	spec, lines, diags := oas.LoadDataLines("openapi.yaml", src)
	if spec == nil {
		t.Fatal(diags)
	}
	pkg, _ := plan(spec, "waiqin", "openapi.yaml", lines)
	pkg.releaseSpec()
	startPlan := spec.Paths.Find("/api/cuxiao/v1/startPlan/{openid}/{timestamp}/{digest}/{msg_id}").Post
	op := weak.Make(startPlan)
	body := weak.Make(startPlan.RequestBody.Value.Content["application/json"].Schema.Value)
	spec, startPlan = nil, nil
	runtime.GC()
	if op.Value() != nil || body.Value() != nil {
		t.Error("the plan still holds the spec's model after releaseSpec")
	}
	if len(pkg.Ops) == 0 {
		t.Fatal("no operations planned")
	}
	runtime.KeepAlive(pkg)
}
