package seed

import (
	"context"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// The demo's hardware integrity story: a mainboard and a BMC module with
// released firmware and BOM/AVL revisions, built at three sites that keep
// sealed golden samples. A visit half a year ago found everything as
// released; this month's visits find, at NBE-AUS1, a BMC image that is no
// release, and at FXP-SZ2 a broken seal on the golden sample: both raise
// critical findings. FXP-SZ2 also buys DRAM from a broker nobody
// authorised, which a suspect-part incident then names.

// demoImages are the SHA-256 of the demo's firmware images (made up).
var demoImages = map[string]string{
	"bios-3.1":  "3b1f6c0a4a2f9d8e7c6b5a49382716150f1e2d3c4b5a69788796a5b4c3d2e1f0",
	"bmc-2.13":  "7a0e5c3b2d1f4e6a8c9b0d2e4f6a8c0e2f4a6c8e0a2c4e6f8a0c2e4a6c8e0f2a",
	"bmc-2.14":  "9c2d4e6f8a0b1c3d5e7f9a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9d",
	"cpld-1.2":  "1d3f5b7d9f1b3d5f7b9d1f3b5d7f9b1d3f5b7d9f1b3d5f7b9d1f3b5d7f9b1d3f",
	"nic-22.5":  "5e7a9c1e3a5c7e9a1c3e5a7c9e1a3c5e7a9c1e3a5c7e9a1c3e5a7c9e1a3c5e7a",
	"mod-bmc-1": "c4e6a8c0e2a4c6e8a0c2e4a6c8e0a2c4e6a8c0e2a4c6e8a0c2e4a6c8e0a2c4e6",
	// What NBE-AUS1's programming station holds: no release.
	"bmc-rogue": "e8a1c4f7b2d5e8a1c4f7b2d5e8a1c4f7b2d5e8a1c4f7b2d5e8a1c4f7b2d5e8a1",
}

type integrityPlot struct {
	st                  *store.Store
	plots               map[string]*sitePlot
	buyerUser, bossUser model.User
	board, module       int64
	releases            map[string]int64
}

func demoIntegrity(sty *story, st *store.Store, plots map[string]*sitePlot, total int, buyerUser, bossUser model.User) {
	ip := &integrityPlot{st: st, plots: plots, buyerUser: buyerUser, bossUser: bossUser, releases: map[string]int64{}}
	buyer, boss := plots["FXP-SZ2"].buyer, plots["FXP-SZ2"].boss
	signed := st.SignedBy(store.Signer{User: bossUser, Meaning: model.MeaningApproved})
	start := 300
	date := func(day int) model.Date { return model.DateOf(sty.start.AddDate(0, 0, day)) }

	sty.on(start, func(ctx context.Context) error {
		board, err := st.CreateProduct(ctx, store.ProductInput{PartNumber: "QT-MB7", Revision: "B", Name: "Dual-socket server mainboard"}, buyer)
		if err != nil {
			return err
		}
		module, err := st.CreateProduct(ctx, store.ProductInput{PartNumber: "QT-BMC2", Revision: "A", Name: "BMC management module"}, buyer)
		if err != nil {
			return err
		}
		ip.board, ip.module = board.ID, module.ID
		for _, r := range []struct {
			key     string
			product int64
			c       model.Component
			version string
		}{
			{"bios-3.1", board.ID, model.ComponentBIOS, "3.1"}, {"bmc-2.13", board.ID, model.ComponentBMC, "2.13"},
			{"cpld-1.2", board.ID, model.ComponentCPLD, "1.2"}, {"nic-22.5", board.ID, model.ComponentNIC, "22.5"},
			{"mod-bmc-1", module.ID, model.ComponentBMC, "1.0.4"},
		} {
			rel, err := st.CreateFirmwareRelease(ctx, r.product, store.ReleaseInput{Component: r.c, FirmwareVersion: r.version, SHA256: demoImages[r.key],
				Signer: "Platform firmware release board", KeyID: "qt-fw-signing-2025", ReleasedOn: date(start - 5)}, buyer)
			if err != nil {
				return err
			}
			if _, err := signed.ApproveFirmwareRelease(ctx, rel.ID, boss); err != nil {
				return err
			}
			ip.releases[r.key] = rel.ID
		}
		if _, err := st.CreateBOMRevision(ctx, board.ID, "MB7-BOM-F", "AVL-31", "", date(start-5), buyer); err != nil {
			return err
		}
		if _, err := st.CreateBOMRevision(ctx, module.ID, "BMC2-BOM-C", "AVL-31", "", date(start-5), buyer); err != nil {
			return err
		}
		return nil
	})
	builds := []struct {
		site    string
		product *int64
		serial  string
		seal    string
	}{
		{"FXP-SZ2", &ip.board, "GS-SZ2-0007", "TS-448120"},
		{"NBE-AUS1", &ip.board, "GS-AUS-0002", "TS-301877"},
		{"KST-PEN1", &ip.module, "GS-PEN-0011", "TS-552031"},
	}
	for _, b := range builds {
		sty.on(start, func(ctx context.Context) error {
			p := plots[b.site]
			_, err := st.AddSiteProduct(ctx, p.siteID, store.SiteProductInput{ProductID: *b.product, Processes: p.ds.processes,
				GoldenSerial: b.serial, GoldenSeal: b.seal, GoldenCustodian: "Site quality manager", GoldenLocation: "Locked cabinet, QA lab",
				GoldenSealedOn: date(start - 2)}, buyer)
			return err
		})
	}
	// BMC 2.14 supersedes 2.13 before the first visits.
	sty.on(start+10, func(ctx context.Context) error {
		old := ip.releases["bmc-2.13"]
		rel, err := st.CreateFirmwareRelease(ctx, ip.board, store.ReleaseInput{Component: model.ComponentBMC, FirmwareVersion: "2.14", SHA256: demoImages["bmc-2.14"],
			Signer: "Platform firmware release board", KeyID: "qt-fw-signing-2025", ReleasedOn: date(start + 8), SupersedesID: &old}, buyer)
		if err != nil {
			return err
		}
		_, err = signed.ApproveFirmwareRelease(ctx, rel.ID, boss)
		return err
	})

	boardAsReleased := func(seal string) []store.ObservationInput {
		return []store.ObservationInput{
			{Kind: model.ObserveFirmware, Component: model.ComponentBIOS, FirmwareVersion: "3.1", SHA256: demoImages["bios-3.1"]},
			{Kind: model.ObserveFirmware, Component: model.ComponentBMC, FirmwareVersion: "2.14", SHA256: demoImages["bmc-2.14"] + "  qt-mb7-bmc-2.14.bin"},
			{Kind: model.ObserveFirmware, Component: model.ComponentCPLD, FirmwareVersion: "1.2", SHA256: demoImages["cpld-1.2"]},
			{Kind: model.ObserveFirmware, Component: model.ComponentNIC, FirmwareVersion: "22.5", SHA256: demoImages["nic-22.5"]},
			{Kind: model.ObserveGoldenSample, SerialNumber: "", SealNumber: seal, SealState: model.SealIntact},
			{Kind: model.ObserveBOM, Revision: "MB7-BOM-F"},
			{Kind: model.ObserveAVL, Revision: "AVL-31"},
		}
	}
	// First visits: everything as released; the visits are completed.
	for i, b := range builds[:2] {
		day := start + 30 + i*7
		ip.visit(sty, b.site, day, true, func() []store.ObservationInput {
			obs := boardAsReleased(b.seal)
			obs[4].SerialNumber = b.serial
			return obs
		})
	}
	ip.visit(sty, "KST-PEN1", start+45, true, func() []store.ObservationInput {
		return []store.ObservationInput{
			{Kind: model.ObserveFirmware, Component: model.ComponentBMC, FirmwareVersion: "1.0.4", SHA256: demoImages["mod-bmc-1"]},
			{Kind: model.ObserveGoldenSample, SerialNumber: "GS-PEN-0011", SealNumber: "TS-552031", SealState: model.SealIntact},
			{Kind: model.ObserveBOM, Revision: "BMC2-BOM-C"},
			{Kind: model.ObserveAVL, Revision: "AVL-31"},
			{Kind: model.ObserveAOI, AOIResult: model.AOIMatch},
		}
	})
	// This month's visits, in progress: a BMC image that is no release at
	// NBE-AUS1, a broken golden-sample seal at FXP-SZ2.
	end := total - 6
	ip.visit(sty, "NBE-AUS1", end, false, func() []store.ObservationInput {
		obs := boardAsReleased("TS-301877")
		obs[4].SerialNumber = "GS-AUS-0002"
		obs[1] = store.ObservationInput{Kind: model.ObserveFirmware, Component: model.ComponentBMC, FirmwareVersion: "2.14",
			SHA256: demoImages["bmc-rogue"] + "  /images/bmc/qt-mb7-bmc-2.14.bin", Note: "Read from the programming station's image store."}
		return obs
	})
	ip.visit(sty, "FXP-SZ2", end+1, false, func() []store.ObservationInput {
		obs := boardAsReleased("TS-448120")
		obs[4].SerialNumber, obs[4].SealState = "GS-SZ2-0007", model.SealBroken
		obs[4].Note = "Seal torn at the corner; custodian could not say when."
		return obs
	})

	// Component sources and a suspect-part incident.
	sty.on(start+20, func(ctx context.Context) error {
		sz2, aus := plots["FXP-SZ2"].siteID, plots["NBE-AUS1"].siteID
		if _, err := st.CreateComponentSource(ctx, sz2, store.SourceInput{Name: "Arrow Electronics", SourceType: "authorised_distributor",
			ComponentFamilies: []string{"DRAM", "passives", "connectors"}, Authorised: true, CertificationStandard: "SAE AS6081",
			CertificateNumber: "AS6081-ARW-2291", CertificateExpiresOn: date(start + 400)}, buyer); err != nil {
			return err
		}
		if _, err := st.CreateComponentSource(ctx, sz2, store.SourceInput{Name: "Quick Parts Brokerage", SourceType: "broker",
			ComponentFamilies: []string{"DRAM"}}, buyer); err != nil {
			return err
		}
		src, err := st.CreateComponentSource(ctx, aus, store.SourceInput{Name: "Quick Parts Brokerage", SourceType: "broker",
			ComponentFamilies: []string{"DRAM"}, Justification: "End-of-life DDR4 for RMA repairs only; every reel X-rayed and decapped on receipt."}, buyer)
		if err != nil {
			return err
		}
		_, err = st.AcceptSourceJustification(ctx, src.ID, src.Version, boss)
		return err
	})
	sty.on(end-3, func(ctx context.Context) error {
		_, err := st.CreatePartIncident(ctx, store.IncidentInput{PartNumber: "MT40A1G8SA-075:E", ComponentFamily: "DRAM", LotCodes: "2231X, 2232X",
			DateCodes: "2231, 2232", SourceName: "Quick Parts Brokerage", HowFound: "Remarked top marking found by X-ray and decapsulation at a customer.",
			GIDEPReference: "GIDEP-CT-26-014", ERAIReference: "ERAI-2026-0419", Status: "investigating", ReportedOn: date(end - 3)}, buyer)
		return err
	})
}

// visit plans an inspection at a site on day, records what the inspector
// saw on the board the site builds, and completes it when complete says so
// (signed by the buyer, as the story's other inspections are).
func (ip *integrityPlot) visit(sty *story, code string, day int, complete bool, observed func() []store.ObservationInput) {
	sty.on(day, func(ctx context.Context) error {
		p := ip.plots[code]
		lead := p.inspector
		today := model.DateOf(sty.start.AddDate(0, 0, day))
		in := model.Inspection{SiteID: p.siteID, Type: model.InspectionRoutine, Status: model.InspectionPlanned, ScheduledDate: today, LeadInspectorID: &lead,
			Team: "Procurement quality team", Scope: "Hardware integrity: firmware images, golden sample, BOM/AVL in use"}
		row, err := ip.st.CreateInspection(ctx, &in, p.buyer)
		if err != nil {
			return err
		}
		product := ip.board
		if code == "KST-PEN1" {
			product = ip.module
		}
		if _, err := ip.st.RecordObservations(ctx, row.ID, product, observed(), p.buyer); err != nil {
			return err
		}
		if !complete {
			return nil
		}
		score := 92
		_, err = ip.st.SignedBy(store.Signer{User: ip.buyerUser, Meaning: model.MeaningAuthored}).UpdateInspection(ctx, row.ID, row.Version, p.buyer, func(in *model.Inspection) error {
			in.Status, in.PerformedDate, in.Result, in.Score = model.InspectionCompleted, today, model.ResultPass, &score
			in.Summary = "Firmware images, golden sample and BOM/AVL as released."
			return nil
		})
		return err
	})
}
