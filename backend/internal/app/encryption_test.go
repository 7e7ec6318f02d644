package app_test

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/app"
	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// A key rotation as docs/operations.md describes it (the new key, the old
// one as previous, a start, then the old one removed) keeps the webhooks
// signing: the start re-encrypts their signing secrets under the new key
// as it does the two-factor secrets. A key that opens none of them is
// logged, naming them, and the start goes on (the cure, a new secret,
// needs the server).
func TestKeyRotationReencryptsWebhookSigningSecrets(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	dir := t.TempDir()
	oldKey, newKey, otherKey := []byte(strings.Repeat("o", 32)), []byte(strings.Repeat("n", 32)), []byte(strings.Repeat("x", 32))
	var log bytes.Buffer
	open := func(key []byte, previous ...[]byte) *app.App {
		t.Helper()
		cfg, err := config.Load(func(string) string { return "" })
		testutil.Fatal(t, err, "config") // a SQLite data directory: the rotation is the same on PostgreSQL
		cfg.DataDir, cfg.EncryptionKey, cfg.PreviousEncryptionKeys = dir, key, previous
		a, err := app.Open(ctx, cfg, app.Options{Hasher: auth.NewTestHasher(), Now: func() time.Time { return testutil.FixedNow },
			Logger: slog.New(slog.NewTextHandler(&log, nil))})
		testutil.Fatal(t, err, "open")
		_, err = a.Migrate(ctx)
		testutil.Fatal(t, err, "migrate")
		return a
	}
	box := func(key []byte) *auth.SecretBox {
		b, err := auth.NewSecretBox(key)
		testutil.Fatal(t, err, "box")
		return b
	}
	sealedSecret := func(a *app.App, id int64) string {
		t.Helper()
		secrets, err := a.Store.SealedSecrets(ctx, store.WebhookSecrets)
		testutil.Fatal(t, err, "sealed secrets")
		return secrets[id]
	}

	before := open(oldKey)
	hook, err := before.Store.CreateWebhook(ctx, store.WebhookInput{Name: "ERP", URL: "https://erp.example.com/hook",
		EventTypes: []string{model.EventFindingOpened}, Active: true}, box(oldKey).Seal([]byte("whsec-rotation")), testutil.SystemActor)
	testutil.Fatal(t, err, "create webhook")
	testutil.Fatal(t, before.CheckEncryptionKey(ctx), "start with the key it was sealed under")
	before.Close()

	during := open(newKey, oldKey)
	testutil.Fatal(t, during.CheckEncryptionKey(ctx), "start with the new key and the old one as previous")
	secret, err := box(newKey).Open(sealedSecret(during, hook.ID))
	if err != nil || string(secret) != "whsec-rotation" {
		t.Fatalf("after the start the new key alone opens %q, %v: the signing secret was not re-encrypted", secret, err)
	}
	during.Close()

	after := open(newKey)
	testutil.Fatal(t, after.CheckEncryptionKey(ctx), "start with the old key removed")
	after.Close()

	wrong := open(otherKey)
	defer wrong.Close()
	log.Reset()
	testutil.Fatal(t, wrong.CheckEncryptionKey(ctx), "start with a key that opens no signing secret")
	if !strings.Contains(log.String(), "does not decrypt the signing secrets of 1 webhook subscription(s)") {
		t.Fatalf("a key that opens no signing secret was not logged:\n%s", log.String())
	}
}
