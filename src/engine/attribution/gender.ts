// Grammatical gender of person clusters, for "he"/"she" speakers: a pronoun never resolves to a person
// the text marks as the other gender. Evidence, in order of strength: courtesy titles before a mention
// ("Mr.", "Mrs.", "Ms."), gendered descriptors ("spokeswoman", "his wife"), and a first name from the
// lists below. Conflicting or missing evidence leaves the gender unknown, and unknown is compatible
// with both pronouns: the lists only ever rule a candidate out.
import type { Cluster, Entity } from '../types';

export type Gender = 'm' | 'f';

const words = (s: string): Set<string> => new Set(s.split(/\s+/).filter(Boolean));

/** Common given names in English-language news, by the gender they are overwhelmingly given to.
 *  Names given to both (Jordan, Taylor, Kim, Jean, Robin, ...) are in neither list. */
const MALE_NAMES = words(`
  james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony mark donald
  steven steve paul andrew andy joshua kenneth kevin brian george timothy tim ronald ron edward ed jason jeffrey jeff ryan
  jacob gary nicholas nick eric jonathan stephen larry justin scott brandon benjamin ben samuel sam gregory greg alexander
  frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas doug zachary peter kyle ethan walter
  noah jeremy christian keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse bryan billy bill
  joe bruce gabriel logan albert willie alan juan wayne elijah randy roy vincent ralph eugene russell bobby mason philip
  phil louis luke martin howard fred frederick harry craig todd chad derek marcus jim jimmy tom tommy mike mitch chuck
  ted newt rand marco barack bernie rick mitt jeb ben rudy reince rex mike hank dick al
  elon vladimir emmanuel boris narendra shinzo recep benjamin volodymyr olaf rishi keir jair luiz mohammed muhammad
  mohamed ahmed ahmad hassan hussein omar abdul mahmoud yusuf ibrahim ali khalid tariq hamid karim rashid pierre francois
  jacques hans klaus juergen jurgen wolfgang helmut gerhard giuseppe luca matteo silvio carlos luis miguel pedro antonio
  manuel francisco javier alejandro diego jorge sergei sergey dmitry ivan igor mikhail nikolai yuri alexei viktor
  raj rahul amit sanjay vijay arjun hiroshi takeshi kenji akira
  bernard leonard stanley norman herbert clarence earl lloyd glenn gordon warren dale duane cliff curtis 
  oliver oscar felix hugo leo max simon stuart graham nigel colin ian neil alistair angus hamish rupert tony
  barry darren dean duncan gavin lewis liam aidan connor declan seamus patrick owen rhys gareth dai
`);
const FEMALE_NAMES = words(`
  mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret sandra ashley
  kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca sharon laura cynthia kathleen
  amy angela shirley anna brenda pamela emma nicole helen samantha katherine kathryn christine debra rachel carolyn
  janet catherine maria heather diane ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn
  judith megan andrea cheryl hannah jacqueline martha gloria teresa ann anne sara madison frances janice abigail alice
  judy sophia grace denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany charlotte marie
  kayla alexis hillary kamala nikki sarah carly elizabeth michelle melania ivanka chelsea huma kellyanne hope ruth sonia
  elena condoleezza madeleine nancy dianne tammy kirsten amy maxine debbie marsha lisa susan angela theresa ursula
  giorgia marine christine jacinda sanna golda indira benazir aung fatima aisha amina leila layla yasmin zainab priya
  sunita anjali olga natalia tatiana svetlana irina yulia anastasia ingrid astrid greta heidi monika sabine claudia
  francesca giulia chiara sofia lucia carmen rosa isabel ana marta beatriz yuki keiko
  amelia ava mia harper ella lily chloe zoe nora ellie stella hazel violet aurora penelope layla
  megyn oprah beyonce rihanna adele meryl jane joanna josephine judith rosalind wendy valerie vanessa
  veronica tiffany brooke paige holly molly kate katie kathy cathy peggy sally becky jenny jill jo
`);

/** Courtesy titles and other words before a name that mark its gender. */
const MALE_TITLES = words('mr mr. sir lord king prince father brother uncle');
const FEMALE_TITLES = words('mrs mrs. ms ms. miss madam lady queen princess sister aunt dame');

/** Heads of descriptors ("a spokeswoman", "his wife", "the congresswoman") that mark gender. */
const MALE_NOUNS = words(`man men spokesman congressman chairman businessman husband father son brother uncle nephew
  grandfather boyfriend king prince actor widower gentleman boy dad`);
const FEMALE_NOUNS = words(`woman women spokeswoman congresswoman chairwoman businesswoman wife mother daughter sister
  aunt niece grandmother girlfriend queen princess actress widow lady girl mom first_lady`);

/** The gender the text marks for each person cluster (clusters with none are absent). */
export function clusterGenders(text: string, entities: Entity[], clusters: Cluster[]): Map<number, Gender> {
  const male = new Int32Array(clusters.length);
  const female = new Int32Array(clusters.length);
  for (const e of entities) {
    if (e.type !== 'PERSON' || e.cluster === undefined) continue;
    // The word before the mention: "Mr. Smith", "Mrs Clinton".
    const before = /(\S+)\s+$/.exec(text.slice(Math.max(0, e.start - 12), e.start));
    const w = before ? before[1].toLowerCase() : '';
    if (MALE_TITLES.has(w)) male[e.cluster] += 3;
    else if (FEMALE_TITLES.has(w)) female[e.cluster] += 3;
  }
  const out = new Map<number, Gender>();
  for (const c of clusters) {
    if (c.type !== 'PERSON') continue;
    let m = male[c.id], f = female[c.id];
    for (const d of c.descriptors) {
      for (const word of d.text.toLowerCase().split(/[^a-z]+/)) {
        if (MALE_NOUNS.has(word)) m += 2;
        else if (FEMALE_NOUNS.has(word)) f += 2;
      }
    }
    const first = c.name.split(/\s+/)[0]?.toLowerCase().replace(/[.'’]+$/, '') ?? '';
    // A first name counts only in a name of two words or more ("Kathryn Waters", not "Warhol").
    if (c.name.includes(' ')) {
      if (MALE_NAMES.has(first)) m += 1;
      else if (FEMALE_NAMES.has(first)) f += 1;
    }
    if (m > f) out.set(c.id, 'm');
    else if (f > m) out.set(c.id, 'f');
  }
  return out;
}

/** The gender of a third-person singular pronoun, if it has one. */
export function pronounGender(pronoun: string): Gender | undefined {
  const w = pronoun.toLowerCase();
  return w === 'he' ? 'm' : w === 'she' ? 'f' : undefined;
}
