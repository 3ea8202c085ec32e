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
  alvin calvin marvin melvin kelvin glen glenn wesley bradley stanley franklin harvey herman jerome leon lewis
  marshall nelson norman otis perry ralph ross sidney troy vernon wallace wilbur barney clifford cecil chester
  claude clyde darrell dwight edgar elmer ernest everett floyd forrest gilbert grant hector homer horace ira
  irving ivan jared jay jeffery joel jonah julian julius karl lance lionel lyle malcolm manny marvin maurice
  milton morris neal ned nolan omar orlando oswald reginald rodney roland rudolph rufus salvador santiago
  seth shane sheldon sherman spencer sterling stuart terrence theodore travis tristan tyrone victor virgil
  wendell wilfred winston zane ahmed amir anton boris cesar dante dario emilio enrique ernesto fabio fernando
  gustavo ignacio joaquin lorenzo marcelo mateo nicolas orlando pablo rafael ramon raul ricardo roberto rodrigo
  sergio tomas vicente andrei bogdan dmitri fyodor grigory konstantin maxim pavel stanislav vladislav yaroslav
  lars magnus nils olav sven anders bjorn erik henrik johan mikael stefan jurgen dieter heinz horst rainer uwe
  cristiano diego lionel luka neymar zlatan kylian harry wayne gareth
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
regina priscilla alicia allison alyssa angelica april audrey bernadette bonnie brittany camille candace carla carmen caroline cassandra cecilia celeste charlene claire colleen constance courtney crystal daisy darlene dawn deanna delores desiree dolores edith eileen elaine eleanor eliza ella ellen elsie erica erin esther eunice felicia fiona florence gina geraldine gwendolyn harriet hazel ida irene iris isabel jeanette jeannette jenna jessie joanne johanna josephine juanita julia juliet june kara katrina kristen kristin leah lena lillian lily lois lorraine louise lucille lucy lydia mabel madeline marcia margarita marian marianne marjorie marlene maureen maxine melanie melinda mildred miranda miriam monica muriel myrtle nadine naomi nina nora norma paula pauline pearl phyllis priscilla rita roberta rosalie rosemary roxanne sabrina sheila sherry sonya stella susanne sylvia tanya tara thelma tina ursula vera vicki viola vivian wanda wilma yolanda yvonne agnes beatrice bettina brigitte chantal clara dominique elodie elsa eva frida gabriela ines ingrid isabelle jacqueline katarina lara lea magdalena manon margot marina marta nathalie nadia paola renata rosa sabine silvia simone sophie svetlana valentina veronika yasmine zoya
`);

/** The gender of a given name (any case), if it is in the lists. */
export function givenNameGender(word: string): Gender | undefined {
  const w = word.toLowerCase();
  return MALE_NAMES.has(w) ? 'm' : FEMALE_NAMES.has(w) ? 'f' : undefined;
}
