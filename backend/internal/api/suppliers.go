package api

import (
	"errors"
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/accounts"
	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/reminders"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// Supplier accounts: invitations by admins and managers, the invitation
// link that sets a password, and the supplier portal's own reads. A
// supplier calls only the /supplier/... routes (SupplierPortal) and its
// own account's (Self); every read goes through s.st(c), which for a
// supplier is store.ForSupplier, never the whole register.

// invitationPath is the web app's page an invitation link opens; the token
// travels in the fragment, which browsers never send to a server, so it
// stays out of access logs and Referer headers.
const invitationPath = "/invitation"

// invitationLink is the link of an invitation in language: the page opens
// in the invitation's language (?lang=), before the browser's.
func invitationLink(baseURL string, language model.Language, token string) string {
	link := baseURL + invitationPath
	if language != "" {
		link += "?lang=" + url.QueryEscape(string(language))
	}
	return link + "#" + token
}

type inviteSupplierRequest struct {
	Email           string     `json:"email"`
	Name            string     `json:"name"`
	ManufacturerID  int64      `json:"manufacturer_id"`
	SiteIDs         []int64    `json:"site_ids"`
	AccessExpiresAt *time.Time `json:"access_expires_at"`
	// Language is the invitation's: its e-mail is written in it, and the
	// account's e-mails and portal speak it until the person chooses.
	Language model.Language `json:"language"`
}

// supplierInvitation answers an invitation: the new account and, unless it
// was e-mailed, the link to pass on (shown once).
type supplierInvitation struct {
	User                userView  `json:"user"`
	InvitationURL       *string   `json:"invitation_url"`
	InvitationExpiresAt time.Time `json:"invitation_expires_at"`
	Emailed             bool      `json:"emailed"`
}

// inviteSupplier creates a supplier account bound to one manufacturer (and
// optionally some of its sites) with a password nobody knows, and an
// invitation link that lets the person choose one.
func (s *Server) inviteSupplier(c *gin.Context) error {
	var req inviteSupplierRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.ManufacturerID < 1 {
		return invalid("The supplier cannot be invited.", map[string]string{"manufacturer_id": "is required: the manufacturer the person works for"})
	}
	ctx := c.Request.Context()
	// The generated password is thrown away: the person sets their own
	// through the link, so nobody else ever knows it.
	u, _, err := s.accounts.Create(ctx, accounts.NewUser{Email: req.Email, Name: req.Name, Role: model.RoleSupplier, Active: true,
		AccessExpiresAt: req.AccessExpiresAt, ScopeManufacturerIDs: []int64{req.ManufacturerID}, ScopeSiteIDs: req.SiteIDs, Language: req.Language}, actor(c))
	if err != nil {
		return err
	}
	return s.sendInvitation(c, u, http.StatusCreated)
}

// reinviteSupplier issues a new link for a supplier who has not signed in
// yet; earlier links stop working. A supplier who has signed in resets
// their password like anyone else: a manager never gets a link that
// would take over an account in use.
func (s *Server) reinviteSupplier(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request.Context()
	u, err := s.unscoped.UserByID(ctx, id)
	if err != nil || u.Role != model.RoleSupplier {
		return notFound("The supplier")
	}
	if u.LastLoginAt != nil || !u.Active {
		return &Error{Status: http.StatusConflict, Code: "conflict",
			Message: "This supplier has already signed in or is disabled; an invitation is only for a new account."}
	}
	// Moving the token version on voids the earlier links.
	if err := s.unscoped.EndSessions(ctx, u.ID, actor(c), audit.ActionUserEndSessions); err != nil {
		return err
	}
	if u, err = s.unscoped.UserByID(ctx, id); err != nil {
		return err
	}
	return s.sendInvitation(c, u, http.StatusOK)
}

// sendInvitation signs a link for u, e-mails it when an SMTP server is
// configured, and answers with the account (and the link unless it was
// e-mailed).
func (s *Server) sendInvitation(c *gin.Context, u model.User, status int) error {
	ctx := c.Request.Context()
	token, exp, err := s.tokens.IssueInvitation(u.ID, u.TokenVersion)
	if err != nil {
		return err
	}
	link := invitationLink(s.cfg.BaseURL, u.Language, token)
	emailed := false
	if s.mailer != nil {
		msg, err := reminders.InvitationMessage(reminders.Invitation{Email: u.Email, Name: u.Name, Inviter: principal(c).Name,
			Link: link, Expires: exp, Language: u.Language})
		if err != nil {
			return err
		}
		if err := s.mailer.Send(ctx, msg); err != nil {
			s.log.Warn("invitation e-mail not sent; the link is shown to the inviter instead", "user_id", u.ID, "err", err)
		} else {
			emailed = true
		}
	}
	if err := s.unscoped.Record(ctx, audit.Entry{Actor: actor(c), Action: audit.ActionUserInvite, EntityType: audit.EntityUser, EntityID: u.ID,
		Changes: map[string][2]any{"invitation_expires_at": {nil, exp}, "emailed": {nil, emailed}}}); err != nil {
		return err
	}
	views, err := s.userViews(ctx, []model.User{u})
	if err != nil {
		return err
	}
	out := supplierInvitation{User: views[0], InvitationExpiresAt: exp, Emailed: emailed}
	if !emailed {
		out.InvitationURL = &link
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(status, out)
	return nil
}

type acceptInvitationRequest struct {
	Token    string `json:"token"`
	Password string `json:"password"`
	// Language is the one the invitation page was read in: the supplier's
	// e-mails speak it from then on.
	Language model.Language `json:"language"`
}

var errInvitationInvalid = invalid("This invitation link is not valid any more.", map[string]string{
	"token": "has expired, was already used or was replaced by a newer one; ask the person who invited you for a new link"})

// acceptInvitation sets the password of an invited supplier. The link
// names the user and their token version; setting the password moves the
// version on, so the link works once.
func (s *Server) acceptInvitation(c *gin.Context) error {
	var req acceptInvitationRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	claims, err := s.tokens.ParseInvitation(req.Token)
	if err != nil {
		return errInvitationInvalid
	}
	id, _ := claims.UserID()
	ctx := c.Request.Context()
	u, err := s.unscoped.UserByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return errInvitationInvalid
	}
	if err != nil {
		return err
	}
	if u.Role != model.RoleSupplier || u.TokenVersion != claims.TokenVersion || !auth.SessionValid(u, claims.TokenVersion, s.now()) {
		return errInvitationInvalid
	}
	if why := auth.CheckPasswordPolicy(req.Password, u.Email, u.Name); why != "" {
		return invalid("Choose another password.", map[string]string{"password": why})
	}
	hash, err := s.hasher.Hash(ctx, req.Password)
	if err != nil {
		return err
	}
	a := audit.ActorOf(u, c.ClientIP())
	u, err = s.unscoped.UpdateUserWithScope(ctx, u.ID, u.Version, nil, a, func(u *model.User) error {
		u.PasswordHash, u.MustChangePassword = hash, false
		if req.Language != "" && req.Language.Valid() {
			u.Language = req.Language
		}
		return nil
	})
	if errors.Is(err, store.ErrVersionConflict) {
		return errInvitationInvalid
	}
	if err != nil {
		return err
	}
	if err := s.unscoped.Record(ctx, audit.Entry{Actor: a, Action: audit.ActionUserInvitationAccept, EntityType: audit.EntityUser, EntityID: u.ID}); err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"email": u.Email})
	return nil
}

// listSupplierUsers lists supplier accounts, of one manufacturer when
// manufacturer_id is given: who has been invited and who has signed in.
func (s *Server) listSupplierUsers(c *gin.Context) error {
	p, err := listQuery(c, store.UserSorts)
	if err != nil {
		return err
	}
	problems := qualification.Problems{}
	f := store.UserFilter{Q: querySearch(c, problems), Role: model.RoleSupplier, Manufacturer: queryInt64(c, "manufacturer_id", problems)}
	if err := problems.Err("The filters are not valid."); err != nil {
		return err
	}
	users, total, err := s.unscoped.ListUsers(c.Request.Context(), f, p)
	if err != nil {
		return err
	}
	views, err := s.userViews(c.Request.Context(), users)
	if err != nil {
		return err
	}
	writeList(c, views, total, p)
	return nil
}

// supplierHome is the supplier's company and sites.
type supplierHome struct {
	Manufacturer store.SupplierManufacturer `json:"manufacturer"`
	Sites        []store.SupplierSite       `json:"sites"`
}

func (s *Server) supplierManufacturer(c *gin.Context) error {
	ctx := c.Request.Context()
	st := s.st(c)
	m, err := st.PortalManufacturer(ctx)
	if errors.Is(err, store.ErrNotFound) {
		return notFound("Your company")
	}
	if err != nil {
		return err
	}
	sites, err := st.PortalSites(ctx)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, supplierHome{Manufacturer: m, Sites: sites})
	return nil
}

func (s *Server) supplierSite(c *gin.Context) error {
	return writeByID(c, "The site", s.st(c).PortalSite)
}

func (s *Server) supplierCertifications(c *gin.Context) error {
	problems := qualification.Problems{}
	site := queryInt64(c, "site_id", problems)
	if err := problems.Err("The filters are not valid."); err != nil {
		return err
	}
	certs, err := s.st(c).PortalCertifications(c.Request.Context(), site)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"items": certs})
	return nil
}
