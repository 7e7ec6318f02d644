package audit

import (
	"bufio"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"gorm.io/gorm"
)

// checkpointDomain starts every signed message, so a checkpoint signature
// can never be mistaken for a signature of anything else.
const checkpointDomain = "qualtrack-audit-checkpoint/v1"

// Key signs checkpoints. It lives outside the database (a file), so whoever
// controls only the database cannot sign a head of a rewritten chain.
type Key struct {
	private ed25519.PrivateKey
	Public  PublicKey
}

// PublicKey checks checkpoints; an auditor keeps it.
type PublicKey struct {
	Key ed25519.PublicKey
	// ID is the first 16 hex digits of the key's SHA-256, named in every
	// checkpoint it signed.
	ID string
}

// NewPublicKey wraps an Ed25519 public key.
func NewPublicKey(k ed25519.PublicKey) PublicKey {
	sum := sha256.Sum256(k)
	return PublicKey{Key: k, ID: hex.EncodeToString(sum[:8])}
}

// PEM is the public key as a PKIX PEM block (what `openssl pkey -pubout`
// prints).
func (p PublicKey) PEM() string {
	der, _ := x509.MarshalPKIXPublicKey(p.Key) // an Ed25519 key always marshals
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

// ParsePublicKeyPEM reads a public key as PEM() writes it, or the private
// key file itself (its public half).
func ParsePublicKeyPEM(b []byte) (PublicKey, error) {
	block, _ := pem.Decode(b)
	if block == nil {
		return PublicKey{}, errors.New("not a PEM key")
	}
	switch block.Type {
	case "PUBLIC KEY":
		k, err := x509.ParsePKIXPublicKey(block.Bytes)
		if pk, ok := k.(ed25519.PublicKey); err == nil && ok {
			return NewPublicKey(pk), nil
		}
	case "PRIVATE KEY":
		k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
		if sk, ok := k.(ed25519.PrivateKey); err == nil && ok {
			return NewPublicKey(sk.Public().(ed25519.PublicKey)), nil
		}
	}
	return PublicKey{}, errors.New("not an Ed25519 key")
}

// LoadOrCreateKey reads the signing key from path (PKCS#8 PEM), creating
// it, readable by the owner only, when the file does not exist.
func LoadOrCreateKey(path string) (*Key, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return createKey(path)
	}
	if err != nil {
		return nil, fmt.Errorf("audit: checkpoint key: %w", err)
	}
	block, _ := pem.Decode(b)
	if block == nil || block.Type != "PRIVATE KEY" {
		return nil, fmt.Errorf("audit: checkpoint key %s is not a PEM private key", path)
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	sk, ok := k.(ed25519.PrivateKey)
	if err != nil || !ok {
		return nil, fmt.Errorf("audit: checkpoint key %s is not an Ed25519 key", path)
	}
	return &Key{private: sk, Public: NewPublicKey(sk.Public().(ed25519.PublicKey))}, nil
}

// NewEphemeralKey is a signing key that lives in memory only, for a
// process whose heads need not be checked after it ends (tests).
func NewEphemeralKey() (*Key, error) {
	pub, sk, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("audit: checkpoint key: %w", err)
	}
	return &Key{private: sk, Public: NewPublicKey(pub)}, nil
}

func createKey(path string) (*Key, error) {
	pub, sk, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("audit: checkpoint key: %w", err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(sk)
	if err != nil {
		return nil, fmt.Errorf("audit: checkpoint key: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("audit: checkpoint key: %w", err)
	}
	// O_EXCL: two processes starting at once keep one key.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return LoadOrCreateKey(path)
	}
	if err != nil {
		return nil, fmt.Errorf("audit: checkpoint key: %w", err)
	}
	if err := pem.Encode(f, &pem.Block{Type: "PRIVATE KEY", Bytes: der}); err != nil {
		f.Close()
		return nil, fmt.Errorf("audit: checkpoint key: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("audit: checkpoint key: %w", err)
	}
	return &Key{private: sk, Public: NewPublicKey(pub)}, nil
}

// signedMessage is what a checkpoint's signature covers.
func signedMessage(h Head) []byte {
	return []byte(checkpointDomain + "\n" + strconv.FormatInt(h.Sequence, 10) + "\n" + h.Hash + "\n" +
		h.OccurredAt.UTC().Format(time.RFC3339Nano) + "\n" + h.ExportedAt.UTC().Format(time.RFC3339Nano))
}

// Sign returns head signed: a checkpoint.
func (k *Key) Sign(h Head) Head {
	h.OccurredAt, h.ExportedAt = h.OccurredAt.UTC(), h.ExportedAt.UTC()
	h.KeyID = k.Public.ID
	h.Signature = base64.StdEncoding.EncodeToString(ed25519.Sign(k.private, signedMessage(h)))
	return h
}

// ErrBadSignature is a head whose signature is missing, from another key,
// or does not match its content.
var ErrBadSignature = errors.New("the head's signature is not valid for this server's checkpoint key")

// Check verifies h's signature with p.
func (p PublicKey) Check(h Head) error {
	sig, err := base64.StdEncoding.DecodeString(h.Signature)
	if err != nil || h.KeyID != p.ID || !ed25519.Verify(p.Key, signedMessage(h), sig) {
		return ErrBadSignature
	}
	return nil
}

// AppendCheckpoint publishes a checkpoint as one JSON line at the end of
// the log file, synced to disk before it returns.
func AppendCheckpoint(path string, h Head) error {
	b, err := json.Marshal(h)
	if err != nil {
		return fmt.Errorf("audit: checkpoint: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("audit: checkpoint log: %w", err)
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return fmt.Errorf("audit: checkpoint log: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("audit: checkpoint log: %w", err)
	}
	return f.Close()
}

// ReadCheckpoints reads a checkpoint log; a missing file has none.
func ReadCheckpoints(path string) ([]Head, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("audit: checkpoint log: %w", err)
	}
	defer f.Close()
	return readCheckpoints(f)
}

func readCheckpoints(r io.Reader) ([]Head, error) {
	var out []Head
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for line := 1; sc.Scan(); line++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var h Head
		if err := json.Unmarshal(sc.Bytes(), &h); err != nil || h.Hash == "" {
			return out, fmt.Errorf("audit: checkpoint log line %d is not a checkpoint", line)
		}
		out = append(out, h)
	}
	return out, sc.Err()
}

// CheckpointResult is the outcome of checking signed checkpoints.
type CheckpointResult struct {
	Checked int `json:"checked"`
	// Failed names the first checkpoint that does not hold, with why.
	FailedSequence *int64 `json:"failed_sequence,omitempty"`
	Reason         string `json:"reason,omitempty"`
}

// VerifyCheckpoints checks every checkpoint: its signature with the
// trusted key, and that the chain still holds its event with its hash. The
// chain itself is assumed verified (Verify) already.
func VerifyCheckpoints(ctx context.Context, db *gorm.DB, key PublicKey, cps []Head) (CheckpointResult, error) {
	var res CheckpointResult
	for _, h := range cps {
		seq := h.Sequence
		if err := key.Check(h); err != nil {
			res.FailedSequence, res.Reason = &seq, fmt.Sprintf("the checkpoint of event %d: %v", seq, err)
			return res, nil
		}
		reason, err := headReason(ctx, db, h)
		if err != nil {
			return res, err
		}
		if reason != "" {
			res.FailedSequence, res.Reason = &seq, reason
			return res, nil
		}
		res.Checked++
	}
	return res, nil
}
