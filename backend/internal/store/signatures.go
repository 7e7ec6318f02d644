package store

import (
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// Signer is the person whose electronic signature the store adds to the
// signed changes it makes (qualification.SignedAction). The caller has
// re-authenticated them for this request: password, and a code when they
// use two-factor sign-in.
type Signer struct {
	User      model.User
	Meaning   model.SignatureMeaning
	TwoFactor bool
}

// SignedBy returns a copy of the store that signs its signed changes as
// signer. A store without a signer refuses a signed change, and a signer
// whose request makes no signed change is refused too, so a signature is
// never recorded for something the signer did not do.
func (s *Store) SignedBy(signer Signer) *Store {
	c := *s
	c.signer = &signer
	return &c
}

// signatureNeeded says, per action, what the signer is asked for.
var signatureNeeded = map[qualification.SignedAction]string{
	qualification.SignDecision:           "A qualification decision is signed: enter your password and choose what your signature means.",
	qualification.SignFindingClose:       "Closing a finding is signed: enter your password and choose what your signature means.",
	qualification.SignInspectionComplete: "Completing an inspection is signed: enter your password and choose what your signature means.",
	qualification.SignFirmwareApprove:    "Approving a firmware release is signed: enter your password and choose what your signature means.",
	qualification.SignStageAccept:        "Accepting a supplier's answer is signed: enter your password and choose what your signature means.",
	qualification.SignCorrectiveVerify:   "Verifying a correction's effectiveness is signed: enter your password and choose what your signature means.",
	qualification.SignChangeDecision:     "A decision on a change notification is signed: enter your password and choose what your signature means.",
}

// sign records the store's signer's signature of one record, inside the
// transaction of the change it signs, and returns it for the change's
// audit event. content is the record's signed content (see
// qualification.ContentHash).
func (s *Store) sign(tx *gorm.DB, action qualification.SignedAction, entityType string, entityID int64, content any) (model.Signature, error) {
	if s.signer == nil {
		return model.Signature{}, qualification.Problems{"signature": "is required"}.Err(signatureNeeded[action])
	}
	if err := qualification.CheckSignatureMeaning(action, s.signer.Meaning); err != nil {
		return model.Signature{}, err
	}
	hash, err := qualification.ContentHash(content)
	if err != nil {
		return model.Signature{}, err
	}
	now := s.Now()
	sig := model.Signature{
		CreatedAt: now, SignerID: s.signer.User.ID, SignerName: s.signer.User.Name, SignerEmail: s.signer.User.Email,
		Meaning: s.signer.Meaning, Action: string(action), EntityType: entityType, EntityID: entityID,
		ContentHash: hash, TwoFactor: s.signer.TwoFactor, SignedAt: now,
	}
	if err := tx.Create(&sig).Error; err != nil {
		return model.Signature{}, translate(err, "sign")
	}
	return sig, nil
}

// errUnusedSignature refuses a signature sent with a change that signs
// nothing.
var errUnusedSignature = qualification.Problems{"signature": "signs nothing: this change is not one that is signed"}.
	Err("Nothing in this change is signed; send it without a signature.")

// checkSignatureUsed refuses a signer when the change signed nothing.
func (s *Store) checkSignatureUsed(signed bool) error {
	if s.signer != nil && !signed {
		return errUnusedSignature
	}
	return nil
}

// signatureChange is how a signature shows in its change's audit event.
func signatureChange(sig model.Signature) map[string]any {
	return map[string]any{
		"id": sig.ID, "signer_id": sig.SignerID, "signer_email": sig.SignerEmail, "signer_name": sig.SignerName,
		"meaning": sig.Meaning, "action": sig.Action, "entity_type": sig.EntityType, "entity_id": sig.EntityID,
		"content_hash": sig.ContentHash, "two_factor": sig.TwoFactor, "signed_at": sig.SignedAt,
	}
}

// latestSignatures returns, for each record in ids, its newest signature
// of action (one query for a page of records).
func latestSignatures(tx *gorm.DB, action qualification.SignedAction, entityType string, ids []int64) (map[int64]model.Signature, error) {
	out := map[int64]model.Signature{}
	if len(ids) == 0 {
		return out, nil
	}
	var sigs []model.Signature
	err := tx.Where("entity_type = ? AND action = ? AND entity_id IN ?", entityType, string(action), ids).Order("id").Find(&sigs).Error
	if err != nil {
		return nil, fmt.Errorf("store: signatures: %w", err)
	}
	for _, sig := range sigs {
		out[sig.EntityID] = sig // ordered by id: the newest wins
	}
	return out, nil
}

// ReportSignature is a record's signature as the workbooks show it; the
// zero value is an unsigned record.
type ReportSignature struct {
	Signer      string // "Name <e-mail>"
	Meaning     model.SignatureMeaning
	SignedAt    time.Time
	ContentHash string
}

// reportSignaturesOf returns the newest signature of action on each record
// in ids, for one batch of a workbook.
func reportSignaturesOf(db *gorm.DB, action qualification.SignedAction, entityType string, ids []int64) (map[int64]ReportSignature, error) {
	sigs, err := latestSignatures(db, action, entityType, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]ReportSignature, len(sigs))
	for id, s := range sigs {
		out[id] = SignatureForReport(&s)
	}
	return out, nil
}

// SignatureForReport is a stored signature as the workbooks show it.
func SignatureForReport(s *model.Signature) ReportSignature {
	if s == nil {
		return ReportSignature{}
	}
	return ReportSignature{Signer: s.SignerName + " <" + s.SignerEmail + ">", Meaning: s.Meaning, SignedAt: s.SignedAt.UTC(), ContentHash: s.ContentHash}
}
