package api

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/filestore"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// attachmentMultipartOverhead is what an upload's body may carry besides
// the file: boundaries, part headers (with a long file name), small fields.
const attachmentMultipartOverhead = 64 << 10

// attachmentField is the multipart field that carries the file.
const attachmentField = "file"

// contentSHA256Header carries the SHA-256 the client computed of the file
// (hex). When sent, the file stored must have that hash: a photo queued on
// a tablet for hours arrives as it was taken, or not at all.
const contentSHA256Header = "X-Content-SHA256"

// sentSHA256 reads the optional contentSHA256Header: "" when absent, a 400
// when it is not 64 hex digits.
func sentSHA256(r *http.Request) (string, error) {
	v := strings.TrimSpace(r.Header.Get(contentSHA256Header))
	if v == "" {
		return "", nil
	}
	if _, err := hex.DecodeString(v); err != nil || len(v) != sha256.Size*2 {
		return "", badRequest(contentSHA256Header+" must be the file's SHA-256 as 64 hexadecimal digits.", nil)
	}
	return strings.ToLower(v), nil
}

// attachmentUploadRoute is an attachment upload: Edit permission and a body
// limit of the file limit plus the multipart overhead.
func attachmentUploadRoute(path string, h HandlerFunc, maxBody int64) Route {
	r := post(path, auth.Edit, h)
	r.MaxBody = maxBody
	return r
}

// maxAttachmentBytes is the largest file accepted (QUALTRACK_MAX_UPLOAD_MB).
func (s *Server) maxAttachmentBytes() int64 { return s.cfg.MaxUploadMB << 20 }

func (s *Server) maxAttachmentBody() int64 {
	return s.maxAttachmentBytes() + attachmentMultipartOverhead
}

var attachmentOwnerNames = map[model.AttachmentOwner]string{
	model.OwnerSite: "site", model.OwnerInspection: "inspection",
	model.OwnerFinding: "finding", model.OwnerCertification: "certification",
	model.OwnerSelfAssessment:     "questionnaire",
	model.OwnerBOMRevision:        "BOM/AVL revision",
	model.OwnerChangeNotification: "change notification",
}

func attachmentOwnerNotFound(owner model.AttachmentOwner, err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return notFound("The " + attachmentOwnerNames[owner])
	}
	return err
}

// uploadAttachment receives a multipart upload for a record of the owner
// type. The file streams to a temporary file while it is hashed; its type
// comes from its bytes (never from the part's Content-Type) and must be on
// the allow list; then it is stored under its hash and the row is added.
func (s *Server) uploadAttachment(owner model.AttachmentOwner) HandlerFunc {
	return func(c *gin.Context) error {
		ownerID, err := pathID(c, "id")
		if err != nil {
			return notFound("The " + attachmentOwnerNames[owner])
		}
		ctx := c.Request.Context()
		// Refuse before reading a possibly large body.
		if err := s.st(c).AttachmentOwnerExists(ctx, owner, ownerID); err != nil {
			return attachmentOwnerNotFound(owner, err)
		}
		wantHash, err := sentSHA256(c.Request)
		if err != nil {
			return err
		}
		mr, part, rawName, err := attachmentFilePart(c.Request)
		if err != nil {
			return err
		}
		name := filestore.CleanName(rawName)
		body := &readErrRecorder{r: part}
		up, err := s.uploads.Receive(body, s.maxAttachmentBytes())
		if err != nil {
			return s.attachmentReceiveError(err, body.err)
		}
		defer up.Discard()
		if err := attachmentRest(mr); err != nil {
			return err
		}
		if up.Size == 0 {
			return invalid("The file is empty.", map[string]string{attachmentField: "is empty; choose a file with content"})
		}
		if wantHash != "" && wantHash != up.SHA256 {
			return invalid("The file received differs from the one sent.", map[string]string{
				attachmentField: "its SHA-256 is not the one in " + contentSHA256Header + "; it was changed or cut short on the way, send it again"})
		}
		contentType, err := filestore.DetectType(name, up, up.Size)
		var te *filestore.TypeError
		if errors.As(err, &te) {
			return invalid("This kind of file cannot be attached.", map[string]string{attachmentField: te.Error()})
		}
		if err != nil {
			return err
		}
		name = filestore.NameForType(name, contentType)
		a := model.Attachment{OwnerType: owner, OwnerID: ownerID, FileName: name, ContentType: contentType, UploadedByID: principal(c).ID}
		row, err := s.st(c).CreateAttachment(ctx, &a, up, actor(c))
		if err != nil {
			return attachmentOwnerNotFound(owner, err)
		}
		c.JSON(http.StatusCreated, row)
		return nil
	}
}

// attachmentFilePart finds the file part of a multipart/form-data body and returns
// it with the file name as sent (unsanitised; may be empty).
func attachmentFilePart(r *http.Request) (*multipart.Reader, *multipart.Part, string, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, nil, "", badRequest(`Send the file as multipart/form-data, in the field "file".`, nil)
	}
	for {
		part, err := mr.NextPart()
		// A bare io.EOF is the closing boundary; a body that ends without
		// one (a wrong boundary, a cut-off request) wraps io.EOF instead.
		if err == io.EOF { //nolint:errorlint // see above
			return nil, nil, "", invalid("Choose a file to attach.", map[string]string{attachmentField: "is required"})
		}
		if err != nil {
			return nil, nil, "", attachmentPartError(err)
		}
		if part.FormName() != attachmentField {
			continue
		}
		// Part.FileName would already drop a Unix path; the name is read
		// raw here so that filestore.CleanName is the one rule that applies.
		_, params, _ := mime.ParseMediaType(part.Header.Get("Content-Disposition"))
		return mr, part, params["filename"], nil
	}
}

// attachmentRest reads the body after the file to its closing boundary, so
// a body over the limit is refused (413) even when the bytes past the limit
// come after the file, and a cut-off body is refused (400).
func attachmentRest(mr *multipart.Reader) error {
	for {
		_, err := mr.NextPart()
		if err == io.EOF { //nolint:errorlint // the closing boundary
			return nil
		}
		if err != nil {
			return attachmentPartError(err)
		}
	}
}

// attachmentPartError keeps a body-limit error (413) and calls anything else a
// malformed request.
func attachmentPartError(err error) error {
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return err
	}
	return badRequest("The multipart body could not be read.", nil)
}

// readErrRecorder remembers the error reading the body, so a broken or
// oversized request (the client's fault) is told apart from a failure to
// write the temporary file (the server's).
type readErrRecorder struct {
	r   io.Reader
	err error
}

func (r *readErrRecorder) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) {
		r.err = err
	}
	return n, err
}

func (s *Server) attachmentReceiveError(err, readErr error) error {
	var tl *filestore.TooLargeError
	var mb *http.MaxBytesError
	switch {
	case errors.As(err, &tl):
		return &Error{Status: http.StatusRequestEntityTooLarge, Code: "too_large", Message: fmt.Sprintf("The file is larger than the limit of %s.", humanBytes(tl.Limit))}
	case errors.As(readErr, &mb):
		return &Error{Status: http.StatusRequestEntityTooLarge, Code: "too_large", Message: fmt.Sprintf("The file is larger than the limit of %s.", humanBytes(s.maxAttachmentBytes()))}
	case readErr != nil:
		return badRequest("The multipart body could not be read.", nil)
	}
	return err
}

func (s *Server) listAttachments(owner model.AttachmentOwner) HandlerFunc {
	return func(c *gin.Context) error {
		ownerID, err := pathID(c, "id")
		if err != nil {
			return notFound("The " + attachmentOwnerNames[owner])
		}
		p, err := listQuery(c, store.AttachmentSorts)
		if err != nil {
			return err
		}
		rows, total, err := s.st(c).ListAttachments(c.Request.Context(), owner, ownerID, p)
		if err != nil {
			return attachmentOwnerNotFound(owner, err)
		}
		writeList(c, rows, total, p)
		return nil
	}
}

// listSiteAttachments lists the files of a site and of its inspections,
// findings and certifications, grouped by the record they are attached to.
func (s *Server) listSiteAttachments(c *gin.Context) error {
	siteID, err := pathID(c, "id")
	if err != nil {
		return notFound("The site")
	}
	p, err := listQuery(c, store.SortFields{})
	if err != nil {
		return err
	}
	rows, total, err := s.st(c).ListSiteAttachments(c.Request.Context(), siteID, p)
	if err != nil {
		return attachmentOwnerNotFound(model.OwnerSite, err)
	}
	writeList(c, rows, total, p)
	return nil
}

// downloadAttachment streams a file as a download. The stored type (from
// the bytes) is sent with nosniff and a sandbox policy, so even a file a
// browser could render cannot run in the application's origin; images may
// be shown inline (?inline=1) for previews.
func (s *Server) downloadAttachment(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return notFound("The attachment")
	}
	problems := qualification.Problems{}
	inline := queryBool(c, "inline", problems)
	if err := problems.Err("The parameters are not valid."); err != nil {
		return err
	}
	a, err := s.st(c).AttachmentByID(c.Request.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		err = notFound("The attachment")
	}
	if err != nil {
		return err
	}
	return s.serveAttachment(c, a, inline != nil && *inline)
}

// serveAttachment streams an attachment's file; images may be shown
// inline.
func (s *Server) serveAttachment(c *gin.Context, a store.AttachmentRow, inline bool) error {
	f, err := s.files.Open(c.Request.Context(), a.StorageKey)
	if err != nil {
		return fmt.Errorf("api: attachment %d file %s: %w", a.ID, a.StorageKey, err)
	}
	defer f.Close()
	disposition := "attachment"
	if inline && strings.HasPrefix(a.ContentType, "image/") {
		disposition = "inline"
	}
	h := c.Writer.Header()
	h.Set("Content-Type", a.ContentType)
	h.Set("Content-Disposition", attachmentDisposition(disposition, a.FileName))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "sandbox")
	h.Set("Cache-Control", "private, no-cache")
	h.Set("ETag", `"`+a.SHA256+`"`)
	// ServeContent sets Content-Length and answers ranges and If-None-Match.
	http.ServeContent(c.Writer, c.Request, "", a.UploadedAt, f)
	return nil
}

func (s *Server) deleteAttachment(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return notFound("The attachment")
	}
	ctx := c.Request.Context()
	keys, err := s.st(c).DeleteAttachment(ctx, id, actor(c))
	if errors.Is(err, store.ErrNotFound) {
		err = notFound("The attachment")
	}
	if err != nil {
		return err
	}
	if err := s.st(c).RemoveUnreferenced(ctx, keys); err != nil {
		// The record is gone; an unremoved file costs only disk space.
		s.log.Warn("attachment file not removed", "attachment_id", id, "err", err)
	}
	c.Status(http.StatusNoContent)
	return nil
}

// attachmentDisposition builds the header with an ASCII-only fallback name
// for old clients and the exact UTF-8 name in RFC 5987 form.
func attachmentDisposition(kind, name string) string {
	return kind + `; filename="` + asciiFallbackName(name) + `"; filename*=UTF-8''` + rfc5987Encode(name)
}

// asciiFallbackName replaces everything that is not printable ASCII, and the
// characters that could end or confuse the quoted string, with "_".
func asciiFallbackName(name string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' || r == '%' || r == ';' {
			return '_'
		}
		return r
	}, name)
}

// rfc5987Encode percent-encodes every byte of name that is not an attr-char.
func rfc5987Encode(name string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		ch := name[i]
		if ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || strings.IndexByte("!#$&+-.^_`|~", ch) >= 0 {
			b.WriteByte(ch)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[ch>>4])
		b.WriteByte(hex[ch&15])
	}
	return b.String()
}
