package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// TOTPEnabledUsers reports which of users have two-factor sign-in on.
func (s *Store) TOTPEnabledUsers(ctx context.Context, userIDs []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(userIDs) == 0 {
		return out, nil
	}
	var ids []int64
	err := s.db.WithContext(ctx).Model(&model.UserTOTP{}).Where("user_id IN ? AND enabled = ?", userIDs, true).Pluck("user_id", &ids).Error
	if err != nil {
		return nil, fmt.Errorf("store: totp enabled: %w", err)
	}
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

// TOTPOf returns a user's two-factor row; ErrNotFound when they never
// started enrolling.
func (s *Store) TOTPOf(ctx context.Context, userID int64) (model.UserTOTP, error) {
	var t model.UserTOTP
	err := s.db.WithContext(ctx).Where("user_id = ?", userID).Take(&t).Error
	return t, translate(err, "totp of user")
}

// ErrTOTPEnabled refuses a second enrolment while two-factor sign-in is on.
var ErrTOTPEnabled = &ConflictError{Field: "totp", Message: "Two-factor sign-in is already on; turn it off first to enrol a new device."}

// StartTOTPEnrolment keeps a new (sealed) secret for the user, not yet
// enabled, replacing an unfinished enrolment.
func (s *Store) StartTOTPEnrolment(ctx context.Context, userID int64, sealed string, actor audit.Actor) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var cur model.UserTOTP
		err := tx.Where("user_id = ?", userID).Take(&cur).Error
		switch {
		case err == nil && cur.Enabled:
			return ErrTOTPEnabled
		case err == nil:
			if err := tx.Model(&cur).Where("user_id = ?", userID).Updates(map[string]any{"secret_enc": sealed, "last_step": 0, "updated_at": s.Now()}).Error; err != nil {
				return translate(err, "restart totp enrolment")
			}
		case errors.Is(err, gorm.ErrRecordNotFound):
			if err := tx.Create(&model.UserTOTP{UserID: userID, SecretEnc: sealed}).Error; err != nil {
				return translate(err, "start totp enrolment")
			}
		default:
			return translate(err, "start totp enrolment")
		}
		_, err = s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionTotpEnrol, EntityType: audit.EntityUser, EntityID: userID})
		return err
	})
}

// ConfirmTOTP switches two-factor sign-in on after a code of step proved
// the user's app works, replaces the recovery codes with the given slow
// hashes, and ends the user's sessions (a session opened before the
// second factor existed should not outlive it). It returns the user.
func (s *Store) ConfirmTOTP(ctx context.Context, userID, step int64, codeHashes []string, actor audit.Actor) (model.User, error) {
	var u model.User
	err := s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&model.UserTOTP{}).Where("user_id = ? AND enabled = ?", userID, false).
			Updates(map[string]any{"enabled": true, "last_step": step, "updated_at": s.Now()})
		if res.Error != nil {
			return translate(res.Error, "confirm totp")
		}
		if res.RowsAffected == 0 {
			return ErrNotFound
		}
		if err := tx.Where("user_id = ?", userID).Delete(&model.TOTPRecoveryCode{}).Error; err != nil {
			return translate(err, "clear recovery codes")
		}
		for _, h := range codeHashes {
			if err := tx.Create(&model.TOTPRecoveryCode{UserID: userID, CodeHash: h}).Error; err != nil {
				return translate(err, "store recovery code")
			}
		}
		if err := endSessions(tx, userID); err != nil {
			return err
		}
		if err := tx.Take(&u, userID).Error; err != nil {
			return translate(err, "confirm totp")
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionTotpConfirm, EntityType: audit.EntityUser, EntityID: userID})
		return err
	})
	return u, err
}

// endSessions moves the user's token version on, so every token issued
// before ends.
func endSessions(tx *gorm.DB, userID int64) error {
	if err := tx.Model(&model.User{}).Where("id = ?", userID).Update("token_version", gorm.Expr("token_version + 1")).Error; err != nil {
		return translate(err, "end sessions")
	}
	return nil
}

// UseTOTPStep records that a code of step was accepted; false when a code
// of that step or a later one was accepted already (a replay). The
// conditional update makes two concurrent uses of one code fail one.
func (s *Store) UseTOTPStep(ctx context.Context, userID, step int64) (bool, error) {
	res := s.db.WithContext(ctx).Model(&model.UserTOTP{}).
		Where("user_id = ? AND enabled = ? AND last_step < ?", userID, true, step).
		Updates(map[string]any{"last_step": step, "updated_at": s.Now()})
	if res.Error != nil {
		return false, translate(res.Error, "use totp code")
	}
	return res.RowsAffected == 1, nil
}

// RecoveryCode is one unused recovery code's stored hash.
type RecoveryCode struct {
	ID       int64
	CodeHash string
}

// UnusedRecoveryCodes returns the user's unused recovery codes.
func (s *Store) UnusedRecoveryCodes(ctx context.Context, userID int64) ([]RecoveryCode, error) {
	var out []RecoveryCode
	err := s.db.WithContext(ctx).Model(&model.TOTPRecoveryCode{}).Select("id, code_hash").
		Where("user_id = ? AND used_at IS NULL", userID).Order("id").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: recovery codes: %w", err)
	}
	return out, nil
}

// SpendRecoveryCode marks the user's recovery code id used; false when it
// was used already (two concurrent uses spend it once).
func (s *Store) SpendRecoveryCode(ctx context.Context, userID, id int64, actor audit.Actor) (bool, error) {
	used := false
	err := s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&model.TOTPRecoveryCode{}).Where("id = ? AND user_id = ? AND used_at IS NULL", id, userID).
			Update("used_at", s.Now())
		if res.Error != nil {
			return translate(res.Error, "use recovery code")
		}
		if used = res.RowsAffected == 1; !used {
			return nil
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionTotpRecoveryCodeUsed, EntityType: audit.EntityUser, EntityID: userID})
		return err
	})
	return used, err
}

// UpgradeRecoveryCodes rehashes recovery codes stored by earlier versions
// (a bare SHA-256) with slow, which wraps that SHA-256 in a salted slow
// hash; it returns how many it upgraded. Codes are verified by the same
// wrapping, so an upgraded code keeps working.
func (s *Store) UpgradeRecoveryCodes(ctx context.Context, slow func(string) (string, error)) (int, error) {
	var legacy []RecoveryCode
	err := s.db.WithContext(ctx).Model(&model.TOTPRecoveryCode{}).Select("id, code_hash").
		Where("code_hash NOT LIKE ?", "$%").Scan(&legacy).Error
	if err != nil {
		return 0, fmt.Errorf("store: legacy recovery codes: %w", err)
	}
	for _, rc := range legacy {
		h, err := slow(rc.CodeHash)
		if err != nil {
			return 0, err
		}
		// Conditional on the old hash: another instance may have done it.
		err = s.db.WithContext(ctx).Model(&model.TOTPRecoveryCode{}).Where("id = ? AND code_hash = ?", rc.ID, rc.CodeHash).
			Update("code_hash", h).Error
		if err != nil {
			return 0, fmt.Errorf("store: upgrade recovery code: %w", err)
		}
	}
	return len(legacy), nil
}

// DisableTOTP turns two-factor sign-in off and forgets the secret and the
// recovery codes; action is totp.disable (the user) or totp.reset (an
// admin). Either ends the user's sessions.
func (s *Store) DisableTOTP(ctx context.Context, userID int64, action audit.Action, actor audit.Actor) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var u model.User
		if err := tx.Select("id").Take(&u, userID).Error; err != nil {
			return translate(err, "disable totp")
		}
		if err := tx.Where("user_id = ?", userID).Delete(&model.TOTPRecoveryCode{}).Error; err != nil {
			return translate(err, "disable totp")
		}
		if err := tx.Where("user_id = ?", userID).Delete(&model.UserTOTP{}).Error; err != nil {
			return translate(err, "disable totp")
		}
		if err := endSessions(tx, userID); err != nil {
			return err
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: action, EntityType: audit.EntityUser, EntityID: userID})
		return err
	})
}

// SecuritySettings are the administrator's sign-in rules.
type SecuritySettings struct {
	// RequireTOTPFor lists the roles that must use two-factor sign-in.
	RequireTOTPFor []model.Role `json:"require_totp_for"`
}

// securitySetting is the settings key of SecuritySettings.
const securitySetting = "security"

// SecuritySettings reads the sign-in rules (none when never set).
func (s *Store) SecuritySettings(ctx context.Context) (SecuritySettings, error) {
	out := SecuritySettings{RequireTOTPFor: []model.Role{}}
	var row settingRow
	err := s.db.WithContext(ctx).Take(&row, "key = ?", securitySetting).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return out, nil
	}
	if err != nil {
		return out, translate(err, "security settings")
	}
	if err := json.Unmarshal([]byte(row.Value), &out); err != nil {
		return out, fmt.Errorf("store: security settings: %w", err)
	}
	return out, nil
}

// SetSecuritySettings saves the sign-in rules.
func (s *Store) SetSecuritySettings(ctx context.Context, v SecuritySettings, actor audit.Actor) error {
	before, err := s.SecuritySettings(ctx)
	if err != nil {
		return err
	}
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	var newly []model.Role
	for _, r := range v.RequireTOTPFor {
		if !slices.Contains(before.RequireTOTPFor, r) {
			newly = append(newly, r)
		}
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		row := settingRow{Key: securitySetting, Value: string(b), UpdatedAt: s.Now()}
		if err := tx.Save(&row).Error; err != nil {
			return translate(err, "save security settings")
		}
		if len(newly) > 0 {
			// Sessions of users who must now enrol were opened without a
			// second factor: they end, and the next sign-in gives an
			// enrol-only session.
			enrolled := tx.Model(&model.UserTOTP{}).Select("user_id").Where("enabled = ?", true)
			err := tx.Model(&model.User{}).Where("role IN ? AND id NOT IN (?)", newly, enrolled).
				Update("token_version", gorm.Expr("token_version + 1")).Error
			if err != nil {
				return translate(err, "end sessions of users who must enrol")
			}
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionSettingsSecurity, EntityType: audit.EntitySettings, EntityID: 0,
			Changes: map[string][2]any{"require_totp_for": {before.RequireTOTPFor, v.RequireTOTPFor}}})
		return err
	})
}
