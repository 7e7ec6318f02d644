package filestore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
)

// CopyResult says what CopyAll did.
type CopyResult struct {
	// Copied were written to the destination; Present were there already
	// with the right bytes.
	Copied, Present int
	Bytes           int64
	// Failed maps a key that could not be copied to why (a source whose
	// bytes do not match its name is never copied).
	Failed map[string]string
}

// CopyAll copies every key of from into to and proves each copy: the
// source's bytes must hash to the key before they are sent, and the
// destination's bytes are read back and hashed after. A key already at
// the destination with the right bytes is left as it is, so a run that
// was interrupted is simply run again. step, when not nil, hears of each
// key as it is done ("copied", "present" or "failed"). A failing key does
// not stop the others; an unreachable store does.
func CopyAll(ctx context.Context, from, to Store, step func(key, outcome string)) (CopyResult, error) {
	res := CopyResult{Failed: map[string]string{}}
	var keys []Info
	if err := from.List(ctx, func(i Info) error { keys = append(keys, i); return nil }); err != nil {
		return res, err
	}
	for _, src := range keys {
		outcome, err := copyOne(ctx, from, to, src)
		switch {
		case err == nil:
		case Unavailable(err), errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
			return res, err
		default:
			res.Failed[src.Key] = err.Error()
			outcome = "failed"
		}
		switch outcome {
		case "copied":
			res.Copied++
			res.Bytes += src.Size
		case "present":
			res.Present++
		}
		if step != nil {
			step(src.Key, outcome)
		}
	}
	return res, nil
}

func copyOne(ctx context.Context, from, to Store, src Info) (string, error) {
	if err := checkHash(ctx, from, src.Key, src.Size); err != nil {
		return "", fmt.Errorf("source: %w", err)
	}
	if dst, err := to.Stat(ctx, src.Key); err == nil {
		if dst.Size == src.Size && checkHash(ctx, to, src.Key, src.Size) == nil {
			return "present", nil
		}
		// A damaged copy: replace it.
		if err := to.Delete(ctx, src.Key); err != nil {
			return "", err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	r, err := from.Open(ctx, src.Key)
	if err != nil {
		return "", err
	}
	_, err = to.Put(ctx, src.Key, r, src.Size)
	_ = r.Close()
	if err != nil {
		return "", err
	}
	if err := checkHash(ctx, to, src.Key, src.Size); err != nil {
		return "", fmt.Errorf("destination after copying: %w", err)
	}
	return "copied", nil
}

// checkHash reads the content under key and checks its size and that its
// SHA-256 is the one the key names.
func checkHash(ctx context.Context, s Store, key string, size int64) error {
	r, err := s.Open(ctx, key)
	if err != nil {
		return err
	}
	defer r.Close()
	h := sha256.New()
	n, err := io.Copy(h, r)
	if err != nil {
		return fmt.Errorf("read %s: %w", key, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); Key(got) != key || n != size {
		return fmt.Errorf("%s holds %d bytes with SHA-256 %s, not the content its name says", key, n, got)
	}
	return nil
}
