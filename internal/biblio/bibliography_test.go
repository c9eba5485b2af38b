package biblio

import (
	"testing"

	"github.com/redtide/edition/internal/model"
)

// TestTitles classifies titles by their words.
func TestTitles(t *testing.T) {
	tests := []struct {
		title string
		want  titleKind
	}{
		{"Bibliography", titleBib},
		{"References and Further Reading", titleBib},
		{"Further Readings", titleBib},
		{"Works Cited and Consulted", titleBib},
		{"Work Cited", titleBib},
		{"Referencias bibliográficas", titleBib},
		{"Bibliographie non-exhaustive", titleBib},
		{"Quellen- und Literaturverzeichnis", titleBib},
		{"Literaturverzeichnis", titleBib},
		{"Literatuurlijst", titleBib},
		{"Bronvermelding", titleBib},
		{"Riferimenti bibliografici", titleBib},
		{"Pour aller plus loin", titleBib},
		{"Further reading on topic modelling", titleBib},
		{"VII. Sources", titleBib},
		{"Notes and References", titleBib | titleNotes},
		{"Footnotes", titleNotes},
		{"Fußnoten", titleNotes},
		{"Fussnoten", titleNotes},
		{"Notes de bas de page", titleNotes},
		{"Notas de la traductora", titleNotes},
		{"End Notes", titleNotes},
		{"Acknowlegements", titleBack},
		{"About the author", titleBack},
		{"Appendix: downloading the files with rsync", titleBack},
		{"Über den Autor", titleBack},
		{"Further Resources", 0},
		{"Readings and Resources", titleBib},
		{"Reading", 0},
		{"Conclusion", 0},
		{"Sources of the Nile in the nineteenth century and after", titleBib},
		{"Help, credits, & further reading", 0},
		{"Introduction", 0},
		{"", 0},
		// Reading lists in the seven languages (issue 19): C2DH/ranketwo's
		// headings, Programming Historian's, and their neighbours.
		{"Suggested readings", titleBib},
		{"Reading/viewing suggestions", titleBib},
		{"Empfehlungen Lektüre/Videos", titleBib},
		{"Empfehlungen", titleBib},
		{"Lektüre", titleBib},
		{"Lesetipps", titleBib},
		{"Literaturempfehlungen", titleBib},
		{"Suggestions de lectures/vidéos", titleBib},
		{"Suggestions de lecture", titleBib},
		{"Lecturas recomendadas", titleBib},
		{"Sugerencias de lectura", titleBib},
		{"Leituras recomendadas", titleBib},
		{"Sugestões de leitura", titleBib},
		{"Letture consigliate", titleBib},
		{"Per saperne di più", titleBib},
		{"Aanbevolen literatuur", titleBib},
		{"Leesvoer", titleBib},
		// Compounds: one word the lexicon does not know before a head.
		{"Paper References", titleBib | titleLoose},
		{"Data Sources", titleBib | titleLoose},
		{"Paper", 0},
		{"Old Paper References List", 0},
		// "Related work" is a review in prose, a list only beside a head.
		{"Related Work", 0},
		{"Related Works", 0},
		{"References and Related Works", titleBib},
		{"Literature Review", 0},
		{"Team", 0},
	}
	for _, tc := range tests {
		if got := titles().classify(tc.title); got != tc.want {
			t.Errorf("classify(%q) = %b, want %b", tc.title, got, tc.want)
		}
	}
}

// TestCiteScore checks the elements found in real entries and prose.
func TestCiteScore(t *testing.T) {
	plain := func(s string) []model.Inline { return []model.Inline{&model.Text{Text: s}} }
	tests := []struct {
		entry       []model.Inline
		cites, pros bool
	}{
		{plain("Tukey, J.W. (1977). Exploratory Data Analysis. Addison-Wesley Publishing Company"), true, false},
		{plain("Koselleck, Reinhart: Vergangene Zukunft. Frankfurt am Main: Suhrkamp 1979."), true, false},
		{plain("Grendi, E. (1977), «Micro-analisi e storia sociale», Quaderni storici, 35, pp. 506–520."), true, false},
		{[]model.Inline{&model.Text{Text: "Popkin, Jeremy D. "}, &model.Emph{Inlines: plain("From Herodotus to H-Net")}, &model.Text{Text: ". Oxford University Press, 2016."}}, true, false},
		{plain("Lutz, Learning Python"), false, false},
		{plain("Open the terminal and change to the folder of the lesson before you type the next command."), false, true},
		{plain("The records used here come from two archives, of which the first holds the parish registers that survive from 1538 onwards but with many gaps."), false, true},
		// "to appear" dates a work not yet published (Antipode's README)
		{plain("João Loff, Daniel Porto, João Garcia. Antipode: Enforcing Cross-Service Causal Consistency. To appear."), true, false},
	}
	for _, tc := range tests {
		s := scoreEntry(tc.entry)
		if s.cites() != tc.cites || s.prose() != tc.pros {
			t.Errorf("%q: cites=%v prose=%v (features %b, %d words, run %d), want cites=%v prose=%v",
				model.PlainText(tc.entry), s.cites(), s.prose(), s.features, s.words, s.run, tc.cites, tc.pros)
		}
	}
}

// TestPeople tells a person listed with a role or an affiliation from a
// work: pepkit/pepspec's team page, PharmCAT's, a Notre Dame project's.
func TestPeople(t *testing.T) {
	plain := func(s string) []model.Inline { return []model.Inline{&model.Text{Text: s}} }
	tests := []struct {
		entry  []model.Inline
		person bool
	}{
		{[]model.Inline{&model.Link{URL: "http://databio.org", Inlines: plain("Nathan Sheffield")}, &model.Text{Text: ", University of Virginia"}}, true},
		{plain("Lingbo Tong, Graduate Student, Department of Psychology, University of Notre Dame"), true},
		{plain("Binglan Li. Stanford University"), true},
		{plain("Jean Dupont, chercheur, Université de Lille"), true},
		// works by people of universities, and presses named after them
		{plain("Jockers, Matthew L. 2013. Macroanalysis. Urbana: University of Illinois Press."), false},
		{plain("le Cun, Y (1989), “Generalization and Network Design Strategies”, Department of Computer Science: University of Toronto."), false},
		// a name without a role: not said to be a person
		{plain("Vince Reuter, Memorial Sloan Kettering"), false},
	}
	for _, tc := range tests {
		if got := scoreEntry(tc.entry).person; got != tc.person {
			t.Errorf("%q: person=%v, want %v", model.PlainText(tc.entry), got, tc.person)
		}
	}
}
