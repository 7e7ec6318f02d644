package reminders_test

import (
	"context"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// A component source's certificate is reminded of like the site's own,
// named with its source and linked to the site's integrity page (where the
// source is edited); the site's own certificates of the same standard and
// the source's never supersede one another.
func TestSourceCertificateIsReminded(t *testing.T) {
	w := newWorld(t)
	sched := w.scheduler(w.mail)
	site := w.site()
	soon := model.NewDate(2026, 7, 15)
	// The site holds an AS6081 certificate of its own, expiring later.
	w.certificate(site.ID, "SAE AS6081", soon.AddDays(400))
	src, err := w.store.CreateComponentSource(context.Background(), site.ID, store.SourceInput{Name: "Arrow Electronics",
		SourceType: "authorised_distributor", Authorised: true, CertificationStandard: "SAE AS6081",
		CertificateNumber: "AS6081-ARW-2291", CertificateExpiresOn: soon}, system)
	testutil.Fatal(t, err, "create source")
	// And its own ISO certificate expires on the same day as the source's; a
	// source's later ISO certificate does not supersede it.
	own := w.certificate(site.ID, "ISO 9001:2015", soon)
	_, err = w.store.CreateComponentSource(context.Background(), site.ID, store.SourceInput{Name: "Later Parts",
		SourceType: "authorised_distributor", Authorised: true, CertificationStandard: "ISO 9001:2015",
		CertificateExpiresOn: soon.AddDays(500)}, system)
	testutil.Fatal(t, err, "create source")

	w.at(soon.AddDays(-30))
	w.run(sched)
	ns := w.notifications(w.users[model.RoleProcurement].ID)
	if len(ns) != 2 {
		t.Fatalf("%d notifications, want the source's certificate and the site's own: %+v", len(ns), ns)
	}
	var fromSource, fromSite *model.Notification
	for i := range ns {
		if ns[i].EntityID == own.ID {
			fromSite = &ns[i]
		} else {
			fromSource = &ns[i]
		}
	}
	if fromSite == nil || fromSite.Link != "/certifications/"+itoa(own.ID) {
		t.Errorf("the site's own certificate: %+v", fromSite)
	}
	if fromSource == nil || fromSource.EntityType != "certification" || fromSource.Link != "/sites/"+itoa(site.ID)+"/integrity" ||
		!strings.Contains(fromSource.Title, "Arrow Electronics") || !strings.HasSuffix(fromSource.Title, "expires in 30 days") ||
		!strings.Contains(fromSource.Body, "AS6081-ARW-2291") || !strings.Contains(fromSource.Body, "component source Arrow Electronics") {
		t.Errorf("the source's certificate: %+v", fromSource)
	}
	var held model.Certification
	testutil.Fatal(t, w.db.Where("component_source_id = ?", src.ID).Take(&held).Error, "held certificate")
	if fromSource != nil && fromSource.EntityID != held.ID {
		t.Errorf("reminded of certification %d, the source holds %d", fromSource.EntityID, held.ID)
	}
}
