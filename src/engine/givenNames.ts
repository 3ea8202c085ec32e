// Given names common in English-language news, by the gender they are overwhelmingly given to. Used to
// tell persons from organisations and places ("Nick Moreau" is a person) and for the gender of
// "he"/"she" antecedents (attribution/gender.ts). Names given to both (Jordan, Taylor, Kim, Jean,
// Robin, ...) and given names that are also common surnames or family names first (Chinese, Korean)
// are in neither list.

export type Gender = 'm' | 'f';

const words = (s: string): Set<string> => new Set(s.split(/\s+/).filter(Boolean));

const MALE_NAMES = words(`
  james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony mark donald
  steven steve paul andrew andy joshua kenneth kevin brian george timothy tim ronald ron edward ed jason jeffrey jeff ryan
  jacob gary nicholas nick eric jonathan stephen larry justin scott brandon benjamin ben samuel sam gregory greg alexander
  frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas doug zachary peter kyle ethan walter
  noah jeremy christian keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse bryan billy bill
  joe bruce gabriel logan albert willie alan juan wayne elijah randy roy vincent ralph eugene russell bobby mason philip
  phil louis luke martin howard fred frederick harry craig todd chad derek marcus jim jimmy tom tommy mike mitch chuck
  ted newt rand marco barack bernie rick mitt jeb ben rudy reince rex mike hank dick
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

/** The gender of a given name (any case), if it is in the lists. */
export function givenNameGender(word: string): Gender | undefined {
  const w = word.toLowerCase();
  return MALE_NAMES.has(w) ? 'm' : FEMALE_NAMES.has(w) ? 'f' : undefined;
}
