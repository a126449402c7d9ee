package pipeline

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigen/apigen/spec/oas"
)

// The guard reads what the checked-in spec names without loading it, and
// loads it only to tell what goes: a schema alone, or an operation alone.
func TestRemovalsOfOneName(t *testing.T) {
	checkedIn := filepath.Join(t.TempDir(), "openapi.yaml")
	const spec = `openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses: {"200": {description: ok}}
  /b:
    post:
      responses: {"200": {description: ok}}
components:
  schemas:
    A: {type: object}
    B: {type: string}
`
	require.NoError(t, os.WriteFile(checkedIn, []byte(spec), 0o644))
	_, ok := oas.ReadInventory([]byte(spec))
	require.True(t, ok, "read without loading")
	out := &output{checkedIn: checkedIn}

	same, diags := oas.LoadData("new.yaml", []byte(spec))
	require.NotNil(t, same, diags)
	assert.Nil(t, out.removals(same))

	withoutB, _ := oas.LoadData("new.yaml", []byte(spec))
	delete(withoutB.Components.Schemas, "B")
	report := out.removals(withoutB)
	require.NotNil(t, report)
	require.Len(t, report.Changes, 1)
	assert.Equal(t, "schema B removed", report.Changes[0].Message)

	withoutPost, _ := oas.LoadData("new.yaml", []byte(spec))
	withoutPost.Paths.Delete("/b")
	report = out.removals(withoutPost)
	require.NotNil(t, report)
	require.Len(t, report.Changes, 1)
	assert.Equal(t, "POST", report.Changes[0].Method)
}
