// Package templates holds the text templates of the non-Go files apigen
// writes beside generated code: the package README with its operation
// reference.
package templates

import (
	"embed"
	"text/template"
)

//go:embed *.tmpl
var files embed.FS

// PackageREADME renders a generated package's README.md.
var PackageREADME = template.Must(template.New("package_readme.md.tmpl").ParseFS(files, "package_readme.md.tmpl"))
