package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/apigen/apigen/parser/diag"
)

// Config is an apigen.yaml: the APIs a repository generates.
type Config struct {
	APIs []APIConfig `yaml:"apis"`
	dir  string      // the config file's directory; paths are relative to it
}

// APIConfig is one API: its docs, how to read them and what to write.
type APIConfig struct {
	Name    string   `yaml:"name"`    // used in messages
	Docs    []string `yaml:"docs"`    // files, globs or http(s) URLs
	From    string   `yaml:"from"`    // doc format; detected when empty
	Profile string   `yaml:"profile"` // vendor profile; detected when empty
	Title   string   `yaml:"title"`
	Servers []string `yaml:"servers"`
	Spec    string   `yaml:"spec"`    // spec output path without extension, or with .yaml/.json
	Formats []string `yaml:"formats"` // yaml, json (default yaml)
	Out     string   `yaml:"out"`     // Go package directory; no Go output when empty
	Package string   `yaml:"package"` // default: base name of out
	Parts   []string `yaml:"parts"`   // default: all
}

// loadConfig reads and checks a config file; problems name file:line.
func loadConfig(path string) (*Config, diag.List) {
	var diags diag.List
	data, err := os.ReadFile(path)
	if err != nil {
		diags.Add(diag.Pos{File: path}, "E001", "%v", err)
		return nil, diags
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var c Config
	if err := dec.Decode(&c); err != nil {
		for _, msg := range yamlErrors(err) {
			diags.Add(diag.Pos{File: path, Line: msg.line}, "E007", "%s", msg.text)
		}
		return nil, diags
	}
	c.dir = filepath.Dir(path)
	var node yaml.Node
	_ = yaml.Unmarshal(data, &node)
	for i, api := range c.APIs {
		at := diag.Pos{File: path, Line: apiLine(&node, i)}
		if len(api.Docs) == 0 {
			diags.Add(at, "E007", "api %d (%s) lists no docs", i+1, api.Name)
		}
		if api.Spec == "" && api.Out == "" {
			diags.Add(at, "E007", "api %d (%s) has neither spec nor out: nothing to write", i+1, api.Name)
		}
		for _, f := range api.Formats {
			if f != "yaml" && f != "json" {
				diags.Add(at, "E007", "api %d (%s): format %q is not yaml or json", i+1, api.Name, f)
			}
		}
	}
	if len(c.APIs) == 0 {
		diags.Add(diag.Pos{File: path, Line: 1}, "E007", "the config lists no apis")
	}
	return &c, diags
}

type yamlMsg struct {
	line int
	text string
}

var yamlLine = regexp.MustCompile(`line (\d+): (.*)`)

// yamlErrors splits yaml.v3's error into one message per line it names.
func yamlErrors(err error) []yamlMsg {
	var out []yamlMsg
	for _, l := range strings.Split(err.Error(), "\n") {
		if m := yamlLine.FindStringSubmatch(l); m != nil {
			n, _ := strconv.Atoi(m[1])
			out = append(out, yamlMsg{n, m[2]})
		}
	}
	if len(out) == 0 {
		out = append(out, yamlMsg{0, strings.TrimPrefix(err.Error(), "yaml: ")})
	}
	return out
}

// apiLine finds the line of the i-th entry under apis.
func apiLine(doc *yaml.Node, i int) int {
	if len(doc.Content) == 0 {
		return 0
	}
	root := doc.Content[0]
	for k := 0; k+1 < len(root.Content); k += 2 {
		if root.Content[k].Value == "apis" && i < len(root.Content[k+1].Content) {
			return root.Content[k+1].Content[i].Line
		}
	}
	return 0
}

// resolve makes a config-relative path usable from the working directory.
func (c *Config) resolve(p string) string {
	if p == "" || filepath.IsAbs(p) || strings.Contains(p, "://") {
		return p
	}
	return filepath.Join(c.dir, p)
}

// docPaths expands globs; URLs and plain paths pass through.
func (c *Config) docPaths(api APIConfig) ([]string, error) {
	var out []string
	for _, d := range api.Docs {
		if strings.Contains(d, "://") {
			out = append(out, d)
			continue
		}
		p := c.resolve(d)
		if strings.ContainsAny(p, "*?[") {
			matches, err := filepath.Glob(p)
			if err != nil {
				return nil, fmt.Errorf("bad glob %q: %w", d, err)
			}
			if len(matches) == 0 {
				return nil, fmt.Errorf("glob %q matches no file", d)
			}
			out = append(out, matches...)
			continue
		}
		out = append(out, p)
	}
	return out, nil
}
