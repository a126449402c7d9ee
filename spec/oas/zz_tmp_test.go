package oas

import (
	"os"
	"testing"
)

func TestTmpLoadBig(t *testing.T) {
	data, err := os.ReadFile("/tmp/work/s10k/out/openapi.yaml")
	if err != nil {
		t.Skip(err)
	}
	doc, diags := LoadData("openapi.yaml", data)
	if doc == nil {
		t.Fatal(diags)
	}
}
