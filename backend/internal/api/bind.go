package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// Opt is a JSON field that may be absent, null or a value. PATCH bodies use
// it so that "not sent" and "set to empty" stay different.
type Opt[T any] struct {
	Set   bool
	Null  bool
	Value T
}

// UnmarshalJSON marks the field as sent.
func (o *Opt[T]) UnmarshalJSON(b []byte) error {
	o.Set = true
	if string(b) == "null" {
		o.Null = true
		var zero T
		o.Value = zero
		return nil
	}
	return json.Unmarshal(b, &o.Value)
}

// decodeJSON reads a JSON object into dst, a pointer to a struct whose
// fields carry json tags. Unlike encoding/json alone it names the field of
// every problem: unknown fields and wrong types are reported together as
// 400 bad_request with fields.
func decodeJSON(c *gin.Context, dst any) error {
	// A cross-site HTML form can send only form encodings or text/plain;
	// insisting on JSON keeps forms from posting to any JSON route,
	// including sign-in, which no session guards.
	mt, params, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if err != nil || mt != "application/json" {
		return badRequest("Send the request body as JSON with Content-Type: application/json.", nil)
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return badRequest("Send the JSON body in UTF-8 (charset=utf-8, or no charset).", nil)
	}
	if enc := c.GetHeader("Content-Encoding"); enc != "" && !strings.EqualFold(enc, "identity") {
		return badRequest("Send the JSON body uncompressed (no Content-Encoding).", nil)
	}
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return err
		}
		return badRequest("The request body could not be read.", nil)
	}
	if len(strings.TrimSpace(string(body))) == 0 {
		return badRequest("The request body is empty; send a JSON object.", nil)
	}
	if !utf8.Valid(body) {
		return badRequest("The request body is not valid UTF-8.", nil)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return badRequest(fmt.Sprintf("The request body is not valid JSON (error at byte %d).", se.Offset), nil)
		}
		return badRequest("The request body must be a JSON object.", nil)
	}
	if raw == nil { // the body was null
		return badRequest("The request body must be a JSON object.", nil)
	}
	v := reflect.ValueOf(dst).Elem()
	t := v.Type()
	known := map[string]int{}
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			known[name] = i
		}
	}
	fields := map[string]string{}
	controls := map[string]string{}
	for key, val := range raw {
		i, ok := known[key]
		if !ok {
			fields[key] = "is not a field of this request"
			continue
		}
		f := v.Field(i)
		if err := json.Unmarshal(val, f.Addr().Interface()); err != nil {
			fields[key] = typeMessage(f.Type(), err)
		} else if holdsNullItem(val) {
			// encoding/json would read [null] as [""] or [0].
			fields[key] = "must not hold null items"
		} else if holdsControl(val) {
			controls[key] = "must not contain control characters (only tabs and line breaks)"
		}
	}
	if len(fields) > 0 {
		return badRequest("Some fields could not be read.", fields)
	}
	if len(controls) > 0 {
		// NUL and the like show as nothing on screen, break some exports
		// and are never typed: refuse them rather than store them.
		return invalid("Some text holds invisible control characters.", controls)
	}
	return nil
}

// holdsNullItem reports a JSON array with a null among its items.
func holdsNullItem(val json.RawMessage) bool {
	if len(val) == 0 || val[0] != '[' {
		return false
	}
	var items []any
	return json.Unmarshal(val, &items) == nil && slices.Contains(items, nil)
}

// holdsControl reports a JSON value with text holding a control character
// other than tab, line feed and carriage return.
func holdsControl(val json.RawMessage) bool {
	var v any
	if json.Unmarshal(val, &v) != nil {
		return false
	}
	return anyControl(v)
}

func anyControl(v any) bool {
	switch x := v.(type) {
	case string:
		return strings.ContainsFunc(x, func(r rune) bool { return unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' })
	case []any:
		return slices.ContainsFunc(x, anyControl)
	case map[string]any:
		for k, e := range x {
			if anyControl(k) || anyControl(e) {
				return true
			}
		}
	}
	return false
}

func typeMessage(t reflect.Type, err error) string {
	if t.Kind() == reflect.Struct && t.NumField() > 0 && t.Field(0).Name == "Set" {
		t = t.Field(2).Type // Opt[T]: describe T
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == reflect.TypeOf(model.Date{}) {
		return err.Error()
	}
	switch t.Kind() {
	case reflect.String:
		return "must be a string"
	case reflect.Bool:
		return "must be true or false"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "must be a whole number"
	case reflect.Float64:
		return "must be a number"
	case reflect.Slice:
		return "must be a list"
	}
	return "has the wrong type"
}

// pathID reads a positive integer id from the path.
func pathID(c *gin.Context, name string) (int64, error) {
	raw := c.Param(name)
	id, err := strconv.ParseInt(raw, 10, 64)
	// Only the id's one spelling names the record: "+1" or "007" do not.
	if err != nil || id < 1 || strconv.FormatInt(id, 10) != raw {
		return 0, notFound("The record")
	}
	return id, nil
}

// writeByID answers a GET of one record: the path's id, fetched, as JSON.
// what names the record in the 404 ("The site was not found.") for a
// malformed id as for one the caller cannot see.
func writeByID[T any](c *gin.Context, what string, fetch func(context.Context, int64) (T, error)) error {
	id, err := pathID(c, "id")
	if err != nil {
		return notFound(what)
	}
	rec, err := fetch(c.Request.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return notFound(what)
	}
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, rec)
	return nil
}

// versioned is an update body: it carries the version the client read.
type versioned interface{ sentVersion() int64 }

var errVersionMissing = invalid("Send the version you read.", map[string]string{"version": "is required"})

// bindUpdate reads an update: the path's id and the JSON body into req,
// which must name the version the client read (the store answers 409 when
// it is stale).
func bindUpdate(c *gin.Context, req versioned) (int64, error) {
	id, err := pathID(c, "id")
	if err == nil {
		err = decodeJSON(c, req)
	}
	if err == nil && req.sentVersion() < 1 {
		err = errVersionMissing
	}
	if err != nil {
		return 0, err
	}
	return id, nil
}

// deleteByID answers a DELETE of one record: the path's id, removed by the
// request's actor (the store keeps the record in the audit event), 204.
func (s *Server) deleteByID(c *gin.Context, remove func(st *store.Store, ctx context.Context, id int64, a audit.Actor) error) error {
	id, err := pathID(c, "id")
	if err == nil {
		err = remove(s.st(c), c.Request.Context(), id, actor(c))
	}
	if err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}

// listResponse is the contract's list shape.
type listResponse[T any] struct {
	Items []T   `json:"items"`
	Total int64 `json:"total"`
	// TotalExact is false when the count stopped at its bound: more than
	// Total rows match (count=exact counts them all).
	TotalExact bool `json:"total_exact"`
	Page       int  `json:"page"`
	PageSize   int  `json:"page_size"`
	// Next is the cursor of the following page (after=), absent on the
	// last page and on lists read without one.
	Next string `json:"next,omitempty"`
}

func writeList[T any](c *gin.Context, items []T, total int64, p store.Page) {
	c.JSON(http.StatusOK, listBody(items, total, p))
}

// listBody is the list answer for the page p (as the store left it: its
// position says the page's number when read after a cursor, and the next
// cursor).
func listBody[T any](items []T, total int64, p store.Page) listResponse[T] {
	if items == nil {
		items = []T{}
	}
	page, next, bounded := p.Page, "", false
	if p.Position != nil && p.Position.Page > 0 {
		page, next, bounded = p.Position.Page, p.Position.Next, p.Position.TotalBounded
	}
	return listResponse[T]{Items: items, Total: total, TotalExact: !bounded, Page: page, PageSize: p.PageSize, Next: next}
}
