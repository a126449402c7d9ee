package generator

import (
	"os/exec"
	"strings"
	"testing"
)

// The generator reads any OpenAPI document: it must not depend on the doc
// parser or the spec builder, only on the leaf packages they share.
func TestGeneratorImportsNoDocStage(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, dep := range strings.Fields(string(out)) {
		switch dep {
		case "github.com/apigen/apigen/parser", "github.com/apigen/apigen/spec", "github.com/PuerkitoBio/goquery":
			t.Errorf("the generator depends on %s", dep)
		}
	}
}
