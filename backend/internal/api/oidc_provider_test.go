package api_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/zitadel/oidc/v3/example/server/exampleop"
	"github.com/zitadel/oidc/v3/example/server/storage"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// The OpenID provider the single sign-on tests sign in at: zitadel's
// example provider (its login form, in-memory storage and signing keys)
// on a loopback port, with the test's users, a groups claim, and a switch
// that makes it issue ID tokens for another audience.
const (
	opClientID     = "qualtrack"
	opClientSecret = "qualtrack-client-secret"
	opRedirectURL  = "http://qualtrack.test/sso/callback"
	opPassword     = "provider password"
)

type testOP struct {
	URL     string
	storage *opStorage
	users   *opUsers
}

type opUsers struct {
	mu    sync.Mutex
	users map[string]*storage.User
}

func (u *opUsers) GetUserByID(id string) *storage.User {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.users[id]
}

func (u *opUsers) GetUserByUsername(name string) *storage.User {
	u.mu.Lock()
	defer u.mu.Unlock()
	for _, user := range u.users {
		if user.Username == name {
			return user
		}
	}
	return nil
}

func (u *opUsers) ExampleClientID() string { return "" }

// opStorage is the example storage with the claims qualtrack reads put
// into the ID token, and the audience switch.
type opStorage struct {
	*storage.Storage
	users *opUsers

	mu       sync.Mutex
	groups   map[string][]string
	audience []string
}

// SetUserinfoFromRequest fills the ID token: the example storage sets the
// subject; the address, name and groups are put in here, as providers
// configured for an application do.
func (s *opStorage) SetUserinfoFromRequest(ctx context.Context, info *oidc.UserInfo, req op.IDTokenRequest, scopes []string) error {
	if err := s.Storage.SetUserinfoFromRequest(ctx, info, req, scopes); err != nil {
		return err
	}
	user := s.users.GetUserByID(req.GetSubject())
	info.Email, info.EmailVerified = user.Email, oidc.Bool(user.EmailVerified)
	info.Name = user.FirstName + " " + user.LastName
	s.mu.Lock()
	defer s.mu.Unlock()
	info.AppendClaims("groups", s.groups[user.ID])
	return nil
}

// reissue replaces the ID token in the token endpoint's answer with one
// the provider signs (its own key) for the audience set by
// IssueForAudience: a genuine token, made for another application.
func (s *opStorage) reissue(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		aud := s.audience
		s.mu.Unlock()
		if aud == nil || r.URL.Path != "/oauth/token" {
			next.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		var answer map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &answer); err != nil || answer["id_token"] == nil {
			w.WriteHeader(rec.Code)
			_, _ = w.Write(rec.Body.Bytes())
			return
		}
		parts := strings.Split(answer["id_token"].(string), ".")
		payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
		var claims map[string]any
		_ = json.Unmarshal(payload, &claims)
		claims["aud"], claims["azp"], claims["client_id"] = aud, aud[0], aud[0]
		key, err := s.SigningKey(r.Context())
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		signer, err := jose.NewSigner(jose.SigningKey{Algorithm: key.SignatureAlgorithm(), Key: jose.JSONWebKey{Key: key.Key(), KeyID: key.ID()}}, nil)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		body, _ := json.Marshal(claims)
		signed, err := signer.Sign(body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		answer["id_token"], _ = signed.CompactSerialize()
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(answer)
	})
}

func newTestOP(t *testing.T) *testOP {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	issuer := "http://" + srv.Listener.Addr().String()
	users := &opUsers{users: map[string]*storage.User{}}
	clients := map[string]*storage.Client{opClientID: storage.WebClient(opClientID, opClientSecret, opRedirectURL)}
	st := &opStorage{Storage: storage.NewStorageWithClients(users, clients), users: users, groups: map[string][]string{}}
	srv.Config.Handler = st.reissue(exampleop.SetupServer(issuer, st, nil, false))
	srv.Start()
	t.Cleanup(srv.Close)
	return &testOP{URL: issuer, storage: st, users: users}
}

// AddUser gives the provider an account (its subject is id).
func (p *testOP) AddUser(id, email string, groups ...string) {
	p.users.mu.Lock()
	p.users.users[id] = &storage.User{ID: id, Username: id, Password: opPassword, FirstName: "Pat", LastName: "Provider",
		Email: email, EmailVerified: true}
	p.users.mu.Unlock()
	p.SetGroups(id, groups...)
}

// SetGroups changes the groups the provider puts in the user's ID tokens.
func (p *testOP) SetGroups(id string, groups ...string) {
	p.storage.mu.Lock()
	defer p.storage.mu.Unlock()
	p.storage.groups[id] = groups
}

// IssueForAudience makes the provider name another audience in its ID
// tokens (nil: the client, as it should).
func (p *testOP) IssueForAudience(aud ...string) {
	p.storage.mu.Lock()
	defer p.storage.mu.Unlock()
	p.storage.audience = aud
}

// SignIn plays the browser at the provider: it opens the authorisation
// URL, fills in the login form as user, and returns the code and state
// the provider sends back to qualtrack's redirect URL.
func (p *testOP) SignIn(t *testing.T, authorizationURL, user string) (code, state string) {
	t.Helper()
	var back *url.URL
	client := &http.Client{CheckRedirect: func(req *http.Request, _ []*http.Request) error {
		if strings.HasPrefix(req.URL.String(), opRedirectURL) {
			back = req.URL
			return http.ErrUseLastResponse
		}
		return nil
	}}
	res, err := client.Get(authorizationURL)
	if err != nil {
		t.Fatalf("open the authorisation URL: %v", err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("authorisation URL: %d, want the login form", res.StatusCode)
	}
	id := res.Request.URL.Query().Get("authRequestID")
	res, err = client.PostForm(p.URL+"/login/username", url.Values{"username": {user}, "password": {opPassword}, "id": {id}})
	if err != nil {
		t.Fatalf("submit the login form: %v", err)
	}
	res.Body.Close()
	if back == nil {
		t.Fatalf("the provider did not send the browser back to qualtrack (status %d)", res.StatusCode)
	}
	return back.Query().Get("code"), back.Query().Get("state")
}
