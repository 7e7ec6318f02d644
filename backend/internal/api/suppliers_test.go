package api_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// invite invites a supplier of manufacturer as role and returns the answer.
func invite(t *testing.T, srv *testutil.Server, role model.Role, email string, manufacturer int64, sites ...int64) apiRecord {
	t.Helper()
	body := map[string]any{"email": email, "name": "Lin Wei", "manufacturer_id": manufacturer}
	if len(sites) > 0 {
		body["site_ids"] = sites
	}
	return apiRecord(srv.Do(role, http.MethodPost, "/api/v1/supplier-invitations", body).Want(http.StatusCreated).JSON())
}

// invitationToken is the token part of an invitation link.
func invitationToken(t *testing.T, inv apiRecord) string {
	t.Helper()
	link, err := url.Parse(inv.str("invitation_url"))
	if err != nil || link.Path != "/invitation" || link.Fragment == "" {
		t.Fatalf("invitation_url = %q", inv.str("invitation_url"))
	}
	return link.Fragment
}

const supplierPassword = "ginkgo lantern 42 river"

// A manager invites a supplier; the link sets a password once, then the
// supplier signs in bound to the manufacturer. Links expire, a new link
// voids the old one, and someone who has signed in gets no new link.
func TestSupplierInvitation(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	b := testutil.NewBuilder(t, srv.Store)
	m := b.Manufacturer("Shenzhen Boards")
	other := b.Manufacturer("Other Co")
	site := b.Site(m, "SZB-1")
	foreign := b.Site(other, "OTH-1")

	for name, c := range map[string]struct {
		body  map[string]any
		field string
	}{
		"no manufacturer":      {map[string]any{"email": "a@sz.example", "name": "A B"}, "manufacturer_id"},
		"unknown manufacturer": {map[string]any{"email": "a@sz.example", "name": "A B", "manufacturer_id": 99999}, "manufacturer_id"},
		"another's site":       {map[string]any{"email": "a@sz.example", "name": "A B", "manufacturer_id": m.ID, "site_ids": []int64{foreign.ID}}, "site_ids"},
		"bad e-mail":           {map[string]any{"email": "nope", "name": "A B", "manufacturer_id": m.ID}, "email"},
	} {
		r := srv.Do(model.RoleManager, http.MethodPost, "/api/v1/supplier-invitations", c.body).Want(http.StatusUnprocessableEntity)
		if r.ErrorFields()[c.field] == "" {
			t.Errorf("%s: fields %v, want %s", name, r.ErrorFields(), c.field)
		}
	}
	srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/supplier-invitations",
		map[string]any{"email": "p@sz.example", "name": "P Q", "manufacturer_id": m.ID}).Want(http.StatusForbidden)

	inv := invite(t, srv, model.RoleManager, "lin@sz.example", m.ID, site.ID)
	user := inv.obj("user")
	if user.str("role") != "supplier" || inv["emailed"] != false {
		t.Fatalf("invitation = %v", inv)
	}
	if fmt.Sprint(user["scope_manufacturer_ids"]) != fmt.Sprintf("[%d]", m.ID) || fmt.Sprint(user["scope_site_ids"]) != fmt.Sprintf("[%d]", site.ID) {
		t.Errorf("binding = %v / %v", user["scope_manufacturer_ids"], user["scope_site_ids"])
	}
	token := invitationToken(t, inv)
	// Nobody knows the account's password before the link is used.
	srv.Do("", http.MethodPost, "/api/v1/auth/login", map[string]string{"email": "lin@sz.example", "password": supplierPassword}).Want(http.StatusUnauthorized)

	r := srv.Do("", http.MethodPost, "/api/v1/auth/invitation", map[string]string{"token": token, "password": "short"}).Want(http.StatusUnprocessableEntity)
	if r.ErrorFields()["password"] == "" {
		t.Errorf("weak password: %v", r.ErrorFields())
	}
	srv.Do("", http.MethodPost, "/api/v1/auth/invitation", map[string]string{"token": token + "x", "password": supplierPassword}).Want(http.StatusUnprocessableEntity)
	var accepted struct {
		Email string `json:"email"`
	}
	// The page was read in Chinese: the supplier's e-mails speak it from then on.
	srv.Do("", http.MethodPost, "/api/v1/auth/invitation", map[string]string{"token": token, "password": supplierPassword, "language": "zh-CN"}).Want(http.StatusOK).Decode(&accepted)
	if accepted.Email != "lin@sz.example" {
		t.Errorf("email = %q", accepted.Email)
	}
	r = srv.Do("", http.MethodPost, "/api/v1/auth/invitation", map[string]string{"token": token, "password": "another " + supplierPassword}).Want(http.StatusUnprocessableEntity)
	if r.ErrorFields()["token"] == "" {
		t.Errorf("used link: %v", r.ErrorFields())
	}
	h := http.Header{}
	h.Set("Authorization", "Bearer "+srv.Login("lin@sz.example", supplierPassword))
	me := apiRecord(srv.DoWith(h, http.MethodGet, "/api/v1/auth/me", nil).Want(http.StatusOK).JSON())
	if me.str("role") != "supplier" || fmt.Sprint(me["scope_manufacturer_ids"]) != fmt.Sprintf("[%d]", m.ID) || me.str("language") != "zh-CN" {
		t.Errorf("me = %v", me)
	}
	// The supplier changes its language; a language not shipped is refused.
	me = apiRecord(srv.DoWith(h, http.MethodPut, "/api/v1/me/language", map[string]string{"language": "en"}).Want(http.StatusOK).JSON())
	if me.str("language") != "en" || me.str("role") != "supplier" {
		t.Errorf("after choosing English: %v", me)
	}
	for _, bad := range []any{map[string]string{"language": "fr"}, map[string]any{"language": 7}, map[string]any{}} {
		r := srv.DoWith(h, http.MethodPut, "/api/v1/me/language", bad).Want(http.StatusBadRequest, http.StatusUnprocessableEntity)
		if r.Status == http.StatusUnprocessableEntity && r.ErrorFields()["language"] == "" {
			t.Errorf("%v: fields %v", bad, r.ErrorFields())
		}
	}
	if got := apiRecord(srv.DoWith(h, http.MethodGet, "/api/v1/auth/me", nil).Want(http.StatusOK).JSON()); got.str("language") != "en" {
		t.Errorf("a refused change changed the language: %v", got)
	}
	// Signed in: a manager gets no link that would take the account over.
	srv.Do(model.RoleManager, http.MethodPost, fmt.Sprintf("/api/v1/supplier-users/%d/invitation", user.id()), nil).Want(http.StatusConflict)
	srv.Do(model.RoleManager, http.MethodPost, fmt.Sprintf("/api/v1/supplier-users/%d/invitation", srv.Users[model.RoleProcurement].ID), nil).Want(http.StatusNotFound)

	// A new link voids the earlier one; a link expires after a week.
	second := invite(t, srv, model.RoleAdmin, "ana@sz.example", m.ID)
	renewed := apiRecord(srv.Do(model.RoleManager, http.MethodPost, fmt.Sprintf("/api/v1/supplier-users/%d/invitation", second.obj("user").id()), nil).Want(http.StatusOK).JSON())
	srv.Do("", http.MethodPost, "/api/v1/auth/invitation", map[string]string{"token": invitationToken(t, second), "password": supplierPassword}).Want(http.StatusUnprocessableEntity)
	var list struct {
		Items []apiRecord `json:"items"`
		Total int         `json:"total"`
	}
	srv.Do(model.RoleManager, http.MethodGet, fmt.Sprintf("/api/v1/supplier-users?manufacturer_id=%d", m.ID), nil).Want(http.StatusOK).Decode(&list)
	if list.Total != 2 {
		t.Errorf("suppliers of %s = %d, want 2", m.Name, list.Total)
	}
	srv.Do(model.RoleManager, http.MethodGet, fmt.Sprintf("/api/v1/supplier-users?manufacturer_id=%d", other.ID), nil).Want(http.StatusOK).Decode(&list)
	if list.Total != 0 {
		t.Errorf("suppliers of %s = %d, want 0", other.Name, list.Total)
	}
	srv.Do("", http.MethodPost, "/api/v1/auth/invitation", map[string]string{"token": invitationToken(t, renewed), "password": supplierPassword}).Want(http.StatusOK)
	late := invite(t, srv, model.RoleManager, "late@sz.example", m.ID)
	srv.Clock.Advance(auth.InvitationTTL + time.Minute)
	srv.Do("", http.MethodPost, "/api/v1/auth/invitation", map[string]string{"token": invitationToken(t, late), "password": supplierPassword}).Want(http.StatusUnprocessableEntity)
}

// A supplier account never turns into staff nor staff into a supplier, and
// stays bound to its manufacturer; an admin creating one must bind it.
func TestSupplierAccountRules(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	b := testutil.NewBuilder(t, srv.Store)
	m := b.Manufacturer("Bound Co")
	u, _ := srv.CreateSupplier("bound@example.com", m.ID)
	proc := srv.Users[model.RoleProcurement]
	for name, c := range map[string]struct {
		id    int64
		body  map[string]any
		field string
	}{
		"supplier to staff":      {u.ID, map[string]any{"role": "auditor"}, "role"},
		"staff to supplier":      {proc.ID, map[string]any{"role": "supplier"}, "role"},
		"unbind a supplier":      {u.ID, map[string]any{"scope_manufacturer_ids": nil}, "scope_manufacturer_ids"},
		"rebind a supplier":      {u.ID, map[string]any{"scope_manufacturer_ids": []int64{m.ID}}, "scope_manufacturer_ids"},
		"sites for an auditor":   {srv.Users[model.RoleAuditor].ID, map[string]any{"scope_site_ids": []int64{1}}, ""},
		"supplier active toggle": {u.ID, map[string]any{"active": false}, "-"},
	} {
		cur := apiRecord(srv.Do(model.RoleAdmin, http.MethodGet, fmt.Sprintf("/api/v1/users/%d", c.id), nil).Want(http.StatusOK).JSON())
		c.body["version"] = cur.version()
		r := srv.Do(model.RoleAdmin, http.MethodPatch, fmt.Sprintf("/api/v1/users/%d", c.id), c.body)
		switch c.field {
		case "-":
			r.Want(http.StatusOK)
		case "":
			r.Want(http.StatusBadRequest) // not a field of an update
		default:
			r.Want(http.StatusUnprocessableEntity)
			if r.ErrorFields()[c.field] == "" {
				t.Errorf("%s: fields %v, want %s", name, r.ErrorFields(), c.field)
			}
		}
	}
	for name, body := range map[string]map[string]any{
		"unbound":        {"email": "x1@example.com", "name": "X One", "role": "supplier"},
		"two companies":  {"email": "x2@example.com", "name": "X Two", "role": "supplier", "scope_manufacturer_ids": []int64{m.ID, m.ID + 1}},
		"staff at sites": {"email": "x3@example.com", "name": "X Three", "role": "auditor", "scope_site_ids": []int64{1}},
	} {
		r := srv.Do(model.RoleAdmin, http.MethodPost, "/api/v1/users", body).Want(http.StatusUnprocessableEntity)
		if len(r.ErrorFields()) == 0 {
			t.Errorf("%s: no field named: %s", name, r.Body)
		}
	}
	created := apiRecord(srv.Do(model.RoleAdmin, http.MethodPost, "/api/v1/users",
		map[string]any{"email": "x4@example.com", "name": "X Four", "role": "supplier", "scope_manufacturer_ids": []int64{m.ID}}).Want(http.StatusCreated).JSON())
	if fmt.Sprint(created["scope_manufacturer_ids"]) != fmt.Sprintf("[%d]", m.ID) {
		t.Errorf("created supplier = %v", created)
	}
}

// Two-factor sign-in can be made mandatory for suppliers: a supplier who
// has not enrolled then gets a session that may only enrol.
func TestTwoFactorMandatoryForSuppliers(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	m := testutil.NewBuilder(t, srv.Store).Manufacturer("Strict Co")
	srv.CreateSupplier("strict@example.com", m.ID)
	srv.Do(model.RoleAdmin, http.MethodPut, "/api/v1/settings/security", map[string]any{"require_totp_for": []string{"supplier"}}).Want(http.StatusOK)
	var login struct {
		Token    string `json:"token"`
		Required bool   `json:"totp_enrolment_required"`
	}
	srv.Do("", http.MethodPost, "/api/v1/auth/login", map[string]string{"email": "strict@example.com", "password": testutil.Password}).Want(http.StatusOK).Decode(&login)
	if !login.Required {
		t.Fatal("a supplier signed in without the two-factor enrolment the settings require")
	}
	h := http.Header{}
	h.Set("Authorization", "Bearer "+login.Token)
	r := srv.DoWith(h, http.MethodGet, "/api/v1/supplier/manufacturer", nil).Want(http.StatusForbidden)
	if r.ErrorCode() != "totp_enrolment_required" {
		t.Errorf("code = %q", r.ErrorCode())
	}
}

// The link carries the invitation's language, so the page opens in it
// before the browser's: a Chinese invitation's link (shown, and a new
// one for the same person) asks for Chinese and still sets the password;
// an invitation without a language leaves the page to the browser.
func TestInvitationLinkCarriesItsLanguage(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	m := testutil.NewBuilder(t, srv.Store).Manufacturer("Shenzhen Boards")
	lang := func(inv apiRecord) string {
		t.Helper()
		link, err := url.Parse(inv.str("invitation_url"))
		testutil.Fatal(t, err, "invitation_url")
		return link.Query().Get("lang") + "|" + fmt.Sprint(link.Query().Has("lang"))
	}
	zh := apiRecord(srv.Do(model.RoleManager, http.MethodPost, "/api/v1/supplier-invitations",
		map[string]any{"email": "lin@sz.example", "name": "林伟", "manufacturer_id": m.ID, "language": "zh-CN"}).Want(http.StatusCreated).JSON())
	if got := lang(zh); got != "zh-CN|true" {
		t.Errorf("the Chinese invitation's link %q: lang %s", zh.str("invitation_url"), got)
	}
	again := apiRecord(srv.Do(model.RoleManager, http.MethodPost, fmt.Sprintf("/api/v1/supplier-users/%d/invitation", zh.obj("user").id()), nil).Want(http.StatusOK).JSON())
	if got := lang(again); got != "zh-CN|true" {
		t.Errorf("the new link %q: lang %s", again.str("invitation_url"), got)
	}
	srv.Do("", http.MethodPost, "/api/v1/auth/invitation", map[string]string{"token": invitationToken(t, again), "password": supplierPassword, "language": "zh-CN"}).
		Want(http.StatusOK)
	en := apiRecord(srv.Do(model.RoleManager, http.MethodPost, "/api/v1/supplier-invitations",
		map[string]any{"email": "ona@sz.example", "name": "Ona", "manufacturer_id": m.ID, "language": "en"}).Want(http.StatusCreated).JSON())
	if got := lang(en); got != "en|true" {
		t.Errorf("the English invitation's link %q: lang %s", en.str("invitation_url"), got)
	}
	if plain := invite(t, srv, model.RoleManager, "kai@sz.example", m.ID); lang(plain) != "|false" {
		t.Errorf("an invitation without a language: %q", plain.str("invitation_url"))
	}
}
