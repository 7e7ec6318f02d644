package api_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// openAPIOperation is what the test reads of an operation.
type openAPIOperation struct {
	OperationID string `yaml:"operationId"`
	Summary     string `yaml:"summary"`
	Permission  string `yaml:"x-permission"`
}

type openAPIServer struct {
	URL string `yaml:"url"`
}

// openAPIPathItem is a path with its operations; Servers overrides the
// document's servers (used for /healthz and /readyz at the root).
type openAPIPathItem struct {
	Servers []openAPIServer   `yaml:"servers"`
	Get     *openAPIOperation `yaml:"get"`
	Put     *openAPIOperation `yaml:"put"`
	Post    *openAPIOperation `yaml:"post"`
	Delete  *openAPIOperation `yaml:"delete"`
	Options *openAPIOperation `yaml:"options"`
	Head    *openAPIOperation `yaml:"head"`
	Patch   *openAPIOperation `yaml:"patch"`
}

func (p openAPIPathItem) operations() map[string]*openAPIOperation {
	ops := map[string]*openAPIOperation{}
	for method, op := range map[string]*openAPIOperation{
		"GET": p.Get, "PUT": p.Put, "POST": p.Post, "DELETE": p.Delete,
		"OPTIONS": p.Options, "HEAD": p.Head, "PATCH": p.Patch,
	} {
		if op != nil {
			ops[method] = op
		}
	}
	return ops
}

type openAPIDocument struct {
	OpenAPI string                     `yaml:"openapi"`
	Servers []openAPIServer            `yaml:"servers"`
	Paths   map[string]openAPIPathItem `yaml:"paths"`
}

// documentedOperation is one operation of the document under its full
// URL path (server URL + path), as a client would call it.
type documentedOperation struct {
	path string // the key under paths
	op   *openAPIOperation
}

var ginParam = regexp.MustCompile(`[:*]([A-Za-z_][A-Za-z0-9_]*)`)

// openAPIPath turns a gin pattern (/sites/:id) into OpenAPI's (/sites/{id}).
func openAPIPath(ginPath string) string { return ginParam.ReplaceAllString(ginPath, "{$1}") }

func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test's directory")
		}
		dir = parent
	}
}

func loadOpenAPI(t *testing.T) (openAPIDocument, []byte) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(repoRoot(t), "docs", "openapi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc openAPIDocument
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("docs/openapi.yaml: %v", err)
	}
	return doc, raw
}

// documentedOperations indexes the document's operations by "METHOD
// /full/path", resolving each path's server (its own or the document's).
func documentedOperations(t *testing.T, doc openAPIDocument) map[string]documentedOperation {
	t.Helper()
	if len(doc.Servers) != 1 {
		t.Fatalf("the document declares %d servers, want exactly one (/api/v1)", len(doc.Servers))
	}
	out := map[string]documentedOperation{}
	for path, item := range doc.Paths {
		servers := doc.Servers
		if len(item.Servers) > 0 {
			servers = item.Servers
		}
		if len(servers) != 1 {
			t.Errorf("%s: %d servers, want one", path, len(servers))
			continue
		}
		base := strings.TrimSuffix(servers[0].URL, "/")
		for method, op := range item.operations() {
			out[method+" "+base+path] = documentedOperation{path: path, op: op}
		}
	}
	return out
}

// The API description and the route table agree: every registered route
// is documented with its method and permission, and every documented
// operation is registered (the report and import routes excepted until
// they are merged).
func TestOpenAPIMatchesRoutes(t *testing.T) {
	t.Parallel()
	doc, _ := loadOpenAPI(t)
	if !strings.HasPrefix(doc.OpenAPI, "3.1.") {
		t.Errorf("openapi: %q, want 3.1.x", doc.OpenAPI)
	}
	documented := documentedOperations(t, doc)

	srv := testutil.NewServer(t, nil)
	registered := map[string]bool{}
	for _, rt := range srv.API.Routes() {
		full := openAPIPath(rt.Path)
		if rt.API {
			full = "/api/v1" + full
		}
		key := rt.Method + " " + full
		registered[key] = true
		d, ok := documented[key]
		if !ok {
			t.Errorf("%s %s is registered but not in docs/openapi.yaml (as %s)", rt.Method, rt.Path, key)
			continue
		}
		if d.op.Permission != rt.Permission.String() {
			t.Errorf("%s: x-permission %q, but the route requires %q", key, d.op.Permission, rt.Permission)
		}
	}

	for key := range documented {
		if !registered[key] {
			t.Errorf("%s is in docs/openapi.yaml but no such route is registered", key)
		}
	}
}

// Every operation names a known permission, has a one-line summary and a
// unique operationId.
func TestOpenAPIOperationsAreDescribed(t *testing.T) {
	t.Parallel()
	doc, _ := loadOpenAPI(t)
	known := map[string]bool{}
	var names []string
	for _, p := range auth.Permissions {
		known[p.String()] = true
		names = append(names, p.String())
	}
	ids := map[string]string{}
	for key, d := range documentedOperations(t, doc) {
		if !known[d.op.Permission] {
			t.Errorf("%s: x-permission %q is not one of %s", key, d.op.Permission, strings.Join(names, ", "))
		}
		if s := strings.TrimSpace(d.op.Summary); s == "" || strings.Contains(s, "\n") {
			t.Errorf("%s: summary must be one non-empty line, got %q", key, d.op.Summary)
		}
		if d.op.OperationID == "" {
			t.Errorf("%s: no operationId", key)
		} else if other, dup := ids[d.op.OperationID]; dup {
			t.Errorf("operationId %q is used by both %s and %s", d.op.OperationID, other, key)
		} else {
			ids[d.op.OperationID] = key
		}
	}
}

// Every local $ref points at something that exists, so a renamed schema
// cannot leave a dangling reference behind.
func TestOpenAPIReferencesResolve(t *testing.T) {
	t.Parallel()
	_, raw := loadOpenAPI(t)
	var tree any
	if err := yaml.Unmarshal(raw, &tree); err != nil {
		t.Fatal(err)
	}
	n := 0
	var walk func(node any, at string)
	walk = func(node any, at string) {
		switch v := node.(type) {
		case map[string]any:
			for k, child := range v {
				if k == "$ref" {
					n++
					ref, _ := child.(string)
					if !strings.HasPrefix(ref, "#/") {
						t.Errorf("%s: $ref %q is not a local reference", at, ref)
					} else if resolvePointer(tree, ref[2:]) == nil {
						t.Errorf("%s: $ref %q points at nothing", at, ref)
					}
					continue
				}
				walk(child, at+"/"+k)
			}
		case []any:
			for _, child := range v {
				walk(child, at+"[]")
			}
		}
	}
	walk(tree, "#")
	if n == 0 {
		t.Fatal("no $ref found; the document did not parse as expected")
	}
}

// resolvePointer follows a JSON pointer (without its leading "#/") through
// the decoded document; nil when it leads nowhere.
func resolvePointer(node any, pointer string) any {
	for _, part := range strings.Split(pointer, "/") {
		part = strings.ReplaceAll(strings.ReplaceAll(part, "~1", "/"), "~0", "~")
		m, ok := node.(map[string]any)
		if !ok {
			return nil
		}
		if node, ok = m[part]; !ok {
			return nil
		}
	}
	return node
}
