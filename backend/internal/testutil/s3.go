package testutil

import (
	"context"
	"net/http/httptest"
	"sort"
	"sync"
	"testing"

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
	backend := s3mem.New()
	Fatal(t, backend.CreateBucket("attachments"), "create bucket")
	faker := gofakes3.New(backend, gofakes3.WithLogger(gofakes3.DiscardLog()))
	srv := httptest.NewServer(faker.Server())
	s := &S3{URL: srv.URL, Bucket: "attachments", srv: srv}
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
