package testutil

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/goccy/go-yaml"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Contract checks responses against docs/openapi.yaml: the status must be
// documented for the operation, the content type must be one it lists and
// a JSON body must match its schema (JSON Schema 2020-12, formats asserted).
// Objects are closed: a field the document does not list fails (see
// closeObjects). Every response of a Server goes through it, so the API
// tests are contract tests.
type Contract struct {
	router   routers.Router
	compiler *jsonschema.Compiler

	mu      sync.Mutex
	schemas map[string]*jsonschema.Schema // by JSON pointer into the document
}

var loadContract = sync.OnceValues(func() (*Contract, error) {
	path, err := openAPIPath()
	if err != nil {
		return nil, err
	}
	return LoadContract(path)
})

// OpenAPIContract is docs/openapi.yaml, loaded once per test binary.
func OpenAPIContract() (*Contract, error) { return loadContract() }

// openAPIPath finds docs/openapi.yaml above the working directory (a test
// runs in its package's directory).
func openAPIPath() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "docs", "openapi.yaml"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("testutil: go.mod not found above the working directory")
		}
		dir = parent
	}
}

const contractURL = "file:///openapi.json"

// LoadContract reads an OpenAPI 3.1 document and prepares it for checking:
// kin-openapi validates the document and routes requests to operations;
// the response schemas are compiled once each, on first use.
func LoadContract(path string) (*Contract, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc map[string]any
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	closeObjects(doc)
	dropBinarySchemas(doc)
	data, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	loader := openapi3.NewLoader()
	spec, err := loader.LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := spec.Validate(loader.Context); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	router, err := gorillamux.NewRouter(spec)
	if err != nil {
		return nil, fmt.Errorf("%s: router: %w", path, err)
	}
	// The whole document is one JSON Schema resource, so the schemas' own
	// references (#/components/schemas/...) resolve as they are written.
	resource, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	compiler := jsonschema.NewCompiler()
	compiler.DefaultDraft(jsonschema.Draft2020)
	compiler.AssertFormat()
	if err := compiler.AddResource(contractURL, resource); err != nil {
		return nil, err
	}
	return &Contract{router: router, compiler: compiler, schemas: map[string]*jsonschema.Schema{}}, nil
}

// schema compiles the schema at a JSON pointer of the document, once.
func (c *Contract) schema(pointer string) (*jsonschema.Schema, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.schemas[pointer]; ok {
		return s, nil
	}
	s, err := c.compiler.Compile(contractURL + pointer)
	if err != nil {
		return nil, fmt.Errorf("compile %s: %w", pointer, err)
	}
	c.schemas[pointer] = s
	return s, nil
}

// Check returns what is wrong with the response to req, or nil. A request
// no documented operation matches is not checked (the route table test
// keeps routes and document in step; the SPA and unknown paths answer
// outside the contract).
func (c *Contract) Check(req *http.Request, status int, header http.Header, body []byte) error {
	route, params, err := c.router.FindRoute(req)
	if err != nil {
		return nil
	}
	where := fmt.Sprintf("%s %s (%s %s)", req.Method, req.URL.Path, strings.ToUpper(route.Method), route.Path)
	if status == http.StatusInternalServerError || status == http.StatusServiceUnavailable && route.Operation.Responses.Status(status) == nil {
		// Documented once for every route: the Error shape, code internal
		// or database_unavailable.
		return c.checkJSON(where, "#/components/schemas/Error", body)
	}
	// Status and headers; the body is checked below against the compiled schema.
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
		Status:                 status,
		Header:                 header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, ExcludeResponseBody: true},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	ref := route.Operation.Responses.Status(status)
	if ref == nil || ref.Value == nil || len(ref.Value.Content) == 0 {
		return nil
	}
	base := ref.Ref
	if base == "" {
		base = "#/paths/" + pointerToken(route.Path) + "/" + strings.ToLower(route.Method) + "/responses/" + strconv.Itoa(status)
	}
	got := header.Get("Content-Type")
	mediaType, _, err := mime.ParseMediaType(got)
	if err != nil {
		return fmt.Errorf("%s: Content-Type %q: %w", where, got, err)
	}
	key := ""
	for _, k := range []string{mediaType, strings.Split(mediaType, "/")[0] + "/*", "*/*"} {
		if _, ok := ref.Value.Content[k]; ok {
			key = k
			break
		}
	}
	if key == "" {
		return fmt.Errorf("%s: status %d: Content-Type %q is not documented", where, status, got)
	}
	if key != "application/json" || ref.Value.Content[key].Schema == nil {
		return nil
	}
	return c.checkJSON(where, base+"/content/"+pointerToken(key)+"/schema", body)
}

func (c *Contract) checkJSON(where, pointer string, body []byte) error {
	schema, err := c.schema(pointer)
	if err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("%s: body is not JSON: %w", where, err)
	}
	if err := schema.Validate(v); err != nil {
		return fmt.Errorf("%s: body does not match %s: %w", where, pointer, err)
	}
	return nil
}

// pointerToken escapes a key for a JSON pointer (RFC 6901).
func pointerToken(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// closeObjects makes every object schema of the document reject
// properties it does not list (unevaluatedProperties: false), unless it
// says what else it allows (additionalProperties, unevaluatedProperties).
// A schema that is a part of an allOf is left open, since its siblings add
// properties; the allOf as a whole is closed instead. A component used both
// as an allOf part and on its own is closed where it is used on its own,
// through a closed copy (X -> {allOf: [X], unevaluatedProperties: false}).
func closeObjects(doc map[string]any) {
	components, _ := doc["components"].(map[string]any)
	schemas, _ := components["schemas"].(map[string]any)
	parts := map[string]bool{} // components used as allOf parts
	walkSchemas(doc, func(s map[string]any, inAllOf bool) {
		if ref, ok := s["$ref"].(string); ok && inAllOf {
			parts[strings.TrimPrefix(ref, "#/components/schemas/")] = true
		}
	})
	walkSchemas(doc, func(s map[string]any, inAllOf bool) {
		if ref, ok := s["$ref"].(string); ok {
			name := strings.TrimPrefix(ref, "#/components/schemas/")
			if parts[name] && !inAllOf {
				s["$ref"] = "#/components/schemas/" + name + "Closed"
			}
			return
		}
		if inAllOf || !isObjectSchema(s) {
			return
		}
		if _, ok := s["additionalProperties"]; ok {
			return
		}
		if _, ok := s["unevaluatedProperties"]; ok {
			return
		}
		s["unevaluatedProperties"] = false
	})
	for name := range parts {
		if _, ok := schemas[name]; ok {
			schemas[name+"Closed"] = map[string]any{
				"allOf":                 []any{map[string]any{"$ref": "#/components/schemas/" + name}},
				"unevaluatedProperties": false,
			}
		}
	}
	// A component that is only ever an allOf part must not be closed on
	// its own: walkSchemas reached it as a top-level component (not in an
	// allOf), so open it again.
	for name := range parts {
		if s, ok := schemas[name].(map[string]any); ok {
			if v, ok := s["unevaluatedProperties"].(bool); ok && !v {
				delete(s, "unevaluatedProperties")
			}
		}
	}
}

func isObjectSchema(s map[string]any) bool {
	if _, ok := s["properties"]; ok {
		return true
	}
	if _, ok := s["allOf"]; ok {
		return true
	}
	switch t := s["type"].(type) {
	case string:
		return t == "object"
	case []any:
		for _, v := range t {
			if v == "object" {
				return true
			}
		}
	}
	return false
}

// walkSchemas calls fn for every schema object of the document: the
// components, and those under paths (parameters, bodies, responses),
// depth first, telling whether the schema is a direct part of an allOf.
func walkSchemas(node any, fn func(s map[string]any, inAllOf bool)) {
	var visitSchema func(s any, inAllOf bool)
	visitSchema = func(v any, inAllOf bool) {
		s, ok := v.(map[string]any)
		if !ok {
			return
		}
		fn(s, inAllOf)
		if props, ok := s["properties"].(map[string]any); ok {
			for _, p := range props {
				visitSchema(p, false)
			}
		}
		for _, key := range []string{"items", "additionalProperties", "unevaluatedProperties", "not", "propertyNames", "contains"} {
			visitSchema(s[key], false)
		}
		for _, key := range []string{"allOf", "oneOf", "anyOf", "prefixItems"} {
			if list, ok := s[key].([]any); ok {
				for _, p := range list {
					visitSchema(p, key == "allOf")
				}
			}
		}
	}
	// Anything stored under a "schema" key (parameters, media types) or in
	// components.schemas is a schema.
	var visit func(v any)
	visit = func(v any) {
		switch n := v.(type) {
		case map[string]any:
			for k, child := range n {
				switch k {
				case "schema":
					visitSchema(child, false)
				case "schemas":
					if m, ok := child.(map[string]any); ok {
						for _, s := range m {
							visitSchema(s, false)
						}
					}
				case "example", "examples":
				default:
					visit(child)
				}
			}
		case []any:
			for _, child := range n {
				visit(child)
			}
		}
	}
	visit(node)
}

// dropBinarySchemas removes the schemas of media types other than JSON:
// such a body (a workbook, a calendar, a file) is checked by its status and
// content type, and by the tests that open it, not as a JSON value.
func dropBinarySchemas(node any) {
	switch n := node.(type) {
	case map[string]any:
		if content, ok := n["content"].(map[string]any); ok {
			for mediaType, v := range content {
				if m, ok := v.(map[string]any); ok && mediaType != "application/json" {
					delete(m, "schema")
				}
			}
		}
		for k, child := range n {
			if k != "example" && k != "examples" {
				dropBinarySchemas(child)
			}
		}
	case []any:
		for _, child := range n {
			dropBinarySchemas(child)
		}
	}
}
