package seed

import (
	mrand "math/rand/v2"
	"sort"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// nextDue is the site's next inspection due date, by the same rule the
// store applies (qualification.NextInspectionDue).
func nextDue(created model.Date, tier model.RiskTier, last model.Inspection, rules store.Rules) model.Date {
	return qualification.NextInspectionDue(created, tier, last.PerformedDate, last.Result, rules.Intervals)
}

func pick[T any](r *mrand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// weighted picks xs[i] with probability weights[i]/sum(weights).
func weighted[T any](r *mrand.Rand, xs []T, weights []int) T {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.IntN(total)
	for i, w := range weights {
		if n < w {
			return xs[i]
		}
		n -= w
	}
	return xs[len(xs)-1]
}

func sortInts(xs []int) { sort.Ints(xs) }

var scoreRanges = map[model.InspectionResult][2]int{
	model.ResultPass:        {80, 100},
	model.ResultConditional: {60, 85},
	model.ResultFail:        {20, 65},
}

type bulkCountry struct {
	code   string
	cities []string
}

var bulkCountries = []bulkCountry{
	{"CN", []string{"Shenzhen", "Suzhou", "Dongguan", "Chengdu", "Chongqing", "Kunshan", "Xiamen"}},
	{"TW", []string{"Taipei", "Hsinchu", "Taoyuan", "Taichung", "Kaohsiung"}},
	{"VN", []string{"Ho Chi Minh City", "Hanoi", "Bac Ninh", "Hai Phong"}},
	{"MY", []string{"Penang", "Johor Bahru", "Kulim", "Ipoh"}},
	{"TH", []string{"Bangkok", "Ayutthaya", "Chonburi"}},
	{"IN", []string{"Chennai", "Pune", "Noida", "Bengaluru"}},
	{"MX", []string{"Guadalajara", "Tijuana", "Monterrey", "Reynosa"}},
	{"US", []string{"Austin", "San Jose", "Fremont", "Raleigh", "Portland"}},
	{"PL", []string{"Wrocław", "Łódź", "Gdańsk", "Kraków"}},
	{"HU", []string{"Budapest", "Győr", "Debrecen"}},
	{"CZ", []string{"Brno", "Pardubice", "Ostrava"}},
	{"RO", []string{"Timișoara", "Cluj-Napoca", "Brașov"}},
	{"DE", []string{"Dresden", "Nuremberg", "Stuttgart"}},
	{"JP", []string{"Kumamoto", "Nagoya", "Osaka", "Sendai"}},
	{"KR", []string{"Suwon", "Gumi", "Cheongju"}},
	{"PH", []string{"Laguna", "Cebu", "Batangas"}},
	{"ID", []string{"Batam", "Bekasi"}},
	{"BR", []string{"Manaus", "Campinas", "Jaguariúna"}},
}

var bulkProcesses = []string{"smt", "pcb_fabrication", "final_assembly", "firmware_programming", "testing", "box_build", "cable_assembly", "packaging", "repair"}

var mfrWords1 = []string{"Pacific", "Northern", "Golden", "Silver", "Eastern", "Allied", "United", "Precision", "Apex", "Summit", "Delta", "Harbor", "Crescent", "Meridian", "Vertex"}
var mfrWords2 = []string{"Circuit", "Electronics", "Assembly", "Systems", "Devices", "Micro", "Technologies", "Components", "Interconnect", "Industries"}
var mfrSuffixes = []string{"Co.", "Group", "Works", "Holdings", "Manufacturing", "International"}
var siteKinds = []string{"SMT Plant", "Assembly Plant", "Test Center", "PCB Fab", "Integration Center", "Cable Works", "Repair Center"}

var firstNames = []string{"Ana", "Ben", "Chen", "Dara", "Elif", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kavya", "Luis", "Mei", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tomás", "Uma", "Viktor", "Wei", "Yuki", "Zofia"}
var lastNames = []string{"Nguyen", "Tanaka", "Kowalski", "García", "Müller", "Chen", "Patel", "Silva", "Novák", "Kim", "Lopez", "Haddad", "Ivanova", "Okafor", "Rossi", "Santos", "Wang", "Yilmaz", "Berg", "Horvat"}

var summaries = []string{
	"Processes stable; traceability records complete.",
	"Good ESD control; minor gaps in calibration records.",
	"Line audit of SMT and AOI; corrective actions from the last visit verified.",
	"Firmware programming station access control reviewed.",
	"Supplier management and incoming inspection reviewed.",
	"Significant nonconformities in process control; follow-up required.",
}

var findingTexts = []string{
	"Calibration of the reflow oven profiler is overdue.",
	"ESD wrist strap tester log has gaps of several days.",
	"Work instruction at station 4 is not the released revision.",
	"Moisture-sensitive devices stored outside dry cabinets beyond floor life.",
	"Firmware images are not checked against signed hashes before programming.",
	"Nonconforming material not segregated in the quarantine area.",
	"Operator training records incomplete for the new AOI program.",
	"Lot traceability lost between SMT and final assembly for rework units.",
	"Waste solvent stored without secondary containment.",
	"Access badges for the programming room shared between shifts.",
}

var requirements = []string{"ISO 9001:2015 7.1.5", "ISO 9001:2015 8.5.2", "ISO 9001:2015 8.7", "ANSI/ESD S20.20 7.3", "IPC J-STD-033 4.1", "ISO/IEC 27001:2022 A.7.2", "ISO 14001:2015 8.1", "IATF 16949:2016 8.5.1.1"}

var issuingBodies = []string{"TÜV SÜD", "BSI", "DNV", "SGS", "Bureau Veritas", "Intertek", "LRQA", "DEKRA"}
