package pipeline_test

// DAISY Ace, the accessibility checker, on whole editions: no violation,
// and the accessibility metadata a reading system shows.

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/pipeline"
	"github.com/redtide/edition/internal/testenv"
)

// aceReport is the part of Ace's report.json the test reads.
type aceReport struct {
	Result struct {
		Outcome string `json:"earl:outcome"`
	} `json:"earl:result"`
	Assertions []struct {
		Subject struct {
			URL string `json:"url"`
		} `json:"earl:testSubject"`
		Assertions []struct {
			Test struct {
				Impact string `json:"earl:impact"`
				Title  string `json:"dct:title"`
			} `json:"earl:test"`
			Result struct {
				Outcome     string `json:"earl:outcome"`
				Description string `json:"dct:description"`
				Pointer     struct {
					CSS []string `json:"css"`
				} `json:"earl:pointer"`
			} `json:"earl:result"`
		} `json:"assertions"`
	} `json:"assertions"`
	Metadata struct {
		Present []string `json:"present"`
	} `json:"a11y-metadata"`
}

// a11yProperties are the schema.org accessibility properties every
// edition's package document must declare (EPUB Accessibility 1.1 §2).
var a11yProperties = []string{"schema:accessMode", "schema:accessibilityFeature",
	"schema:accessibilityHazard", "schema:accessibilitySummary", "schema:accessModeSufficient"}

func TestDefaultEditionAce(t *testing.T) {
	t.Parallel()
	argv := testenv.Tool(t, "ace")
	res := runBuild(t, defaultManifest(t), t.TempDir(), testEpoch)
	checkAce(t, argv, epubOf(t, res))
}

// TestSharedEditionsAce runs Ace on the corpus and the lessons, each
// built as one edition. Ace takes minutes on them (about 3 and 11 on two
// cores), so the test runs only when EDITION_ACE_SHARED=1.
func TestSharedEditionsAce(t *testing.T) {
	if os.Getenv("EDITION_ACE_SHARED") != "1" {
		t.Skip("set EDITION_ACE_SHARED=1 to run Ace on the corpus and the lessons")
	}
	argv := testenv.Tool(t, "ace")
	for _, e := range sharedEditions {
		t.Run(e.name, func(t *testing.T) {
			dir := copyTree(t, testenv.Shared(t, e.rel))
			data, err := manifest.Assemble(dir, dir, manifest.AssembleOptions{Publication: e.name, Number: 1}, &diag.Log{})
			if err != nil {
				t.Fatalf("assembling %s: %v", e.rel, err)
			}
			man := filepath.Join(dir, "edition.yaml")
			if err := os.WriteFile(man, data, 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := pipeline.Run(pipeline.Options{Manifest: man, OutDir: t.TempDir(), Epoch: &testEpoch})
			if err != nil {
				t.Fatal(err)
			}
			checkAce(t, argv, epubOf(t, res))
		})
	}
}

// checkAce runs DAISY Ace on an EPUB: no violation of any impact, and
// the accessibility metadata present.
func checkAce(t *testing.T, argv []string, file string) {
	t.Helper()
	// Metadata straight from the package document, before Ace's opinion.
	opf, err := parseXML(entry(readEPUB(t, file), "EPUB/package.opf"))
	if err != nil {
		t.Fatalf("package.opf: %v", err)
	}
	props := map[string][]string{}
	for _, m := range opf.all(named("meta")) {
		if p := m.attr("", "property"); p != "" {
			props[p] = append(props[p], strings.TrimSpace(m.text.String()))
		}
	}
	for _, p := range a11yProperties {
		if len(props[p]) == 0 || props[p][0] == "" {
			t.Errorf("package.opf has no %s", p)
		}
	}

	reportDir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], append(argv[1:], "-f", "-o", reportDir, file)...)
	cmd.Env = append(os.Environ(), "PUPPETEER_EXECUTABLE_PATH="+testenv.Chromium())
	start := time.Now()
	out, err := cmd.CombinedOutput()
	t.Logf("ace took %s", time.Since(start).Round(time.Millisecond))
	if err != nil {
		t.Fatalf("ace: %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(reportDir, "report.json"))
	if err != nil {
		t.Fatalf("ace wrote no report: %v\n%s", err, out)
	}
	var rep aceReport
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatalf("report.json: %v", err)
	}
	if rep.Result.Outcome != "pass" {
		t.Errorf("ace outcome %q, want pass", rep.Result.Outcome)
	}
	if len(rep.Assertions) == 0 {
		t.Errorf("ace checked no documents")
	}
	for _, d := range rep.Assertions {
		for _, v := range d.Assertions {
			t.Errorf("ace: %s: [%s] %s: %s %v", d.Subject.URL, v.Test.Impact, v.Test.Title,
				v.Result.Description, v.Result.Pointer.CSS)
		}
	}
	for _, p := range a11yProperties {
		if !strings.Contains(" "+strings.Join(rep.Metadata.Present, " ")+" ", " "+p+" ") {
			t.Errorf("ace does not see %s in the package metadata (present: %v)", p, rep.Metadata.Present)
		}
	}
}
