package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/filestore"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// Error is an HTTP error in the contract's shape:
// {"error": {"code", "message", "fields"}}.
type Error struct {
	Status     int               `json:"-"`
	Code       string            `json:"code"`
	Message    string            `json:"message"`
	Fields     map[string]string `json:"fields,omitempty"`
	RetryAfter time.Duration     `json:"-"`
}

func (e *Error) Error() string { return fmt.Sprintf("%d %s: %s", e.Status, e.Code, e.Message) }

func badRequest(msg string, fields map[string]string) *Error {
	return &Error{Status: http.StatusBadRequest, Code: "bad_request", Message: msg, Fields: fields}
}

func notFound(what string) *Error {
	return &Error{Status: http.StatusNotFound, Code: "not_found", Message: what + " was not found."}
}

func forbidden(msg string) *Error {
	return &Error{Status: http.StatusForbidden, Code: "forbidden", Message: msg}
}

func invalid(msg string, fields map[string]string) *Error {
	return &Error{Status: http.StatusUnprocessableEntity, Code: "validation_failed", Message: msg, Fields: fields}
}

// statusClientClosed is the status logged for a request whose client went
// away before the answer (nginx's 499; no client ever reads it).
const statusClientClosed = 499

// databaseRetryAfter is the Retry-After of a 503 database_unavailable.
const databaseRetryAfter = 5 * time.Second

// storageRetryAfter is the Retry-After of a 503 storage_unavailable.
const storageRetryAfter = 10 * time.Second

// toError maps any error a handler reported onto the contract.
func toError(err error) *Error {
	var e *Error
	var ve *qualification.ValidationError
	var ce *store.ConflictError
	var mb *http.MaxBytesError
	var fe *store.ForbiddenError
	switch {
	case errors.As(err, &fe):
		return forbidden(fe.Message)
	case errors.As(err, &e):
		return e
	case errors.As(err, &ve):
		return invalid(ve.Message, ve.Fields)
	case errors.As(err, &ce):
		return &Error{Status: http.StatusConflict, Code: "conflict", Message: ce.Message, Fields: map[string]string{ce.Field: ce.Message}}
	case errors.Is(err, store.ErrVersionConflict):
		return &Error{Status: http.StatusConflict, Code: "version_conflict", Message: "Someone else changed this record since you opened it. Reload it and apply your change again."}
	case errors.Is(err, store.ErrConflict):
		return &Error{Status: http.StatusConflict, Code: "conflict", Message: "This conflicts with an existing record."}
	case errors.Is(err, store.ErrNotFound):
		return notFound("The record")
	case errors.Is(err, store.ErrBadCursor):
		return errBadCursor
	case errors.As(err, &mb):
		return &Error{Status: http.StatusRequestEntityTooLarge, Code: "too_large", Message: fmt.Sprintf("The request is larger than the limit of %s.", humanBytes(mb.Limit))}
	}
	if errors.Is(err, auth.ErrEnrolmentRequired) {
		return &Error{Status: http.StatusForbidden, Code: "totp_enrolment_required",
			Message: "Set up two-factor sign-in first: your administrator requires it for your role."}
	}
	if errors.Is(err, auth.ErrPasswordChangeRequired) {
		return &Error{Status: http.StatusForbidden, Code: "password_change_required",
			Message: "Choose your own password first: an administrator set the one you signed in with."}
	}
	// Before the database's check, which takes any network error for its own.
	if filestore.Unavailable(err) {
		return &Error{Status: http.StatusServiceUnavailable, Code: "storage_unavailable", RetryAfter: storageRetryAfter,
			Message: "The attachment storage is not answering right now. Try again in a moment; if it persists, tell your administrator."}
	}
	if database.Unavailable(err) {
		return &Error{Status: http.StatusServiceUnavailable, Code: "database_unavailable", RetryAfter: databaseRetryAfter,
			Message: "The database is not answering right now. Try again in a moment; if it persists, tell your administrator."}
	}
	if is, unauth := auth.IsAuthError(err); is {
		if unauth {
			return &Error{Status: http.StatusUnauthorized, Code: "unauthenticated", Message: capitalize(err.Error()) + "."}
		}
		return forbidden(capitalize(err.Error()) + ".")
	}
	return &Error{Status: http.StatusInternalServerError, Code: "internal", Message: "Something went wrong on the server. Try again; if it persists, tell your administrator."}
}

// handleErrors writes the last error a handler reported, once.
func handleErrors(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Next()
		if len(c.Errors) == 0 || c.Writer.Written() {
			return
		}
		err := c.Errors.Last().Err
		e := toError(err)
		if errors.Is(c.Request.Context().Err(), context.Canceled) && e.Status >= 500 {
			// The client went away (a closed tab, a load tool stopping):
			// nobody reads the answer, and what failed failed because of it
			// (context canceled, or on PostgreSQL a connection the driver
			// closed mid-query: "driver: bad connection").
			e = &Error{Status: statusClientClosed, Code: "client_closed_request", Message: "The client closed the request."}
		}
		if e.Status >= 500 {
			log.Error("request failed", "method", c.Request.Method, "route", c.FullPath(), "err", err)
		}
		if e.RetryAfter > 0 {
			c.Header("Retry-After", strconv.Itoa(int((e.RetryAfter+time.Second-1)/time.Second)))
		}
		c.AbortWithStatusJSON(e.Status, gin.H{"error": e})
	}
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]-32*btoi(s[0] >= 'a' && s[0] <= 'z')) + s[1:]
}

func btoi(b bool) byte {
	if b {
		return 1
	}
	return 0
}
