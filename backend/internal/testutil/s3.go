package testutil

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/filestore"
)

// S3 is an S3-compatible server on loopback (gofakes3 in memory, served
// over real HTTP) with one bucket; the S3 store speaks real S3 to it.
type S3 struct {
	URL    string
	Bucket string
	srv    *httptest.Server
	once   sync.Once
	clock  *s3Clock
	cut    atomic.Bool
}

// CutUploads makes the server drop the connection of every object upload
// half way through its body (on: true), as a network failure between
// qualtrack and the bucket would.
func (s *S3) CutUploads(on bool) { s.cut.Store(on) }

// cutting is h, but while s.cut is set a PUT with a body loses its
// connection after half of it.
func (s *S3) cutting(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.cut.Load() || r.Method != http.MethodPut || r.ContentLength < 2 {
			h.ServeHTTP(w, r)
			return
		}
		_, _ = io.CopyN(io.Discard, r.Body, r.ContentLength/2)
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler)
	})
}

// s3Clock is the time the server stamps objects with: the real time, less
// a backdating offset.
type s3Clock struct {
	mu   sync.Mutex
	back time.Duration
}

func (c *s3Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(-c.back).In(time.UTC)
}

func (c *s3Clock) Since(t time.Time) time.Duration { return c.Now().Sub(t) }

// Backdate makes the objects written from now on look written d ago
// (0: at the real time), so a test can have old and new objects without
// waiting.
func (s *S3) Backdate(d time.Duration) {
	s.clock.mu.Lock()
	s.clock.back = d
	s.clock.mu.Unlock()
}

// S3 credentials the test server is reached with (it checks signatures'
// form, not their keys).
const (
	S3AccessKey = "qualtrack-test"
	S3SecretKey = "qualtrack-test-secret-key"
)

// NewS3 starts the server with an empty bucket "attachments"; it stops
// when the test ends.
func NewS3(t testing.TB) *S3 {
	t.Helper()
	clock := &s3Clock{}
	backend := s3mem.New(s3mem.WithTimeSource(clock))
	Fatal(t, backend.CreateBucket("attachments"), "create bucket")
	// One clock for the listing and the headers; backdating would trip
	// the request-time check, so that is off.
	faker := gofakes3.New(backend, gofakes3.WithLogger(gofakes3.DiscardLog()), gofakes3.WithTimeSource(clock), gofakes3.WithTimeSkewLimit(0))
	s := &S3{Bucket: "attachments", clock: clock}
	s.srv = httptest.NewServer(s.cutting(faker.Server()))
	s.URL = s.srv.URL
	t.Cleanup(s.Close)
	return s
}

// Close stops the server: from then on the bucket cannot be reached.
func (s *S3) Close() { s.once.Do(s.srv.Close) }

// Env is the environment that selects this bucket under prefix.
func (s *S3) Env(prefix string) map[string]string {
	return map[string]string{
		"QUALTRACK_ATTACHMENTS_URL":      "s3://" + s.Bucket + "/" + prefix,
		"QUALTRACK_S3_ENDPOINT":          s.URL,
		"QUALTRACK_S3_REGION":            "us-east-1",
		"QUALTRACK_S3_ACCESS_KEY_ID":     S3AccessKey,
		"QUALTRACK_S3_SECRET_ACCESS_KEY": S3SecretKey,
		"QUALTRACK_S3_PATH_STYLE":        "true",
	}
}

// Configure points cfg's attachments at this bucket under prefix.
func (s *S3) Configure(cfg *config.Config, prefix string) {
	cfg.Attachments.URL = "s3://" + s.Bucket + "/" + prefix
	cfg.Attachments.S3 = config.S3{Endpoint: s.URL, Region: "us-east-1", AccessKeyID: S3AccessKey,
		SecretAccessKey: S3SecretKey, PathStyle: true}
}

// Store is an S3 store over the bucket under prefix.
func (s *S3) Store(t testing.TB, prefix string) *filestore.S3 {
	t.Helper()
	loc, err := filestore.ParseS3URL("s3://" + s.Bucket + "/" + prefix)
	Fatal(t, err, "s3 url")
	st, err := filestore.NewS3(loc, filestore.S3Options{Endpoint: s.URL, Region: "us-east-1",
		AccessKeyID: S3AccessKey, SecretAccessKey: S3SecretKey, PathStyle: true})
	Fatal(t, err, "s3 store")
	return st
}

// Keys lists the keys stored under prefix, sorted.
func (s *S3) Keys(t testing.TB, prefix string) []string {
	t.Helper()
	var keys []string
	err := s.Store(t, prefix).List(context.Background(), func(i filestore.Info) error {
		keys = append(keys, i.Key)
		return nil
	})
	Fatal(t, err, "list bucket")
	sort.Strings(keys)
	return keys
}
