// Small hand-written word lists used as gazetteer features by the perceptron tagger. They are features,
// not rules: the trained weights decide how much to trust them. Entries are lower-case, space-separated
// tokens as our tokenizer produces them ("u.s.", "new york").

export const COUNTRIES = `afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas
bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil brunei bulgaria burundi
cambodia cameroon canada chad chile china colombia comoros congo croatia cuba cyprus czechia denmark djibouti dominica
ecuador egypt eritrea estonia eswatini ethiopia fiji finland france gabon gambia georgia germany ghana greece grenada
guatemala guinea guyana haiti honduras hungary iceland india indonesia iran iraq ireland israel italy jamaica japan
jordan kazakhstan kenya kiribati kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia libya liechtenstein
lithuania luxembourg madagascar malawi malaysia maldives mali malta mauritania mauritius mexico micronesia moldova
monaco mongolia montenegro morocco mozambique myanmar burma namibia nauru nepal netherlands holland nicaragua niger nigeria
norway oman pakistan palau palestine panama paraguay peru philippines poland portugal qatar romania russia rwanda samoa
senegal serbia seychelles singapore slovakia slovenia somalia spain sudan suriname sweden switzerland syria taiwan
tajikistan tanzania thailand togo tonga tunisia turkey turkmenistan tuvalu uganda ukraine uruguay uzbekistan vanuatu
venezuela vietnam yemen zambia zimbabwe britain england scotland wales
u.s. usa u.s.a. u.k. america
united states|united kingdom|south korea|north korea|south africa|new zealand|saudi arabia|sri lanka|costa rica|
el salvador|ivory coast|united arab emirates|czech republic|dominican republic|puerto rico|hong kong|great britain|
northern ireland|east timor|south sudan|papua new guinea|sierra leone|burkina faso|cape verde|equatorial guinea|
gaza|west bank|crimea|greenland|macau|tibet|xinjiang|kashmir|chechnya|palestinian territories`;

export const PLACES = `europe asia africa antarctica australia oceania arctic
new york|los angeles|chicago|houston|washington|boston|san francisco|seattle|miami|atlanta|dallas|denver|detroit|
philadelphia|phoenix|las vegas|new orleans|baltimore|minneapolis|pittsburgh|cleveland|st. louis|silicon valley|
california|texas|florida|new jersey|ohio|michigan|pennsylvania|virginia|arizona|nevada|oregon|iowa|alaska|hawaii|
london|paris|berlin|madrid|rome|moscow|beijing|shanghai|tokyo|seoul|pyongyang|delhi|new delhi|mumbai|islamabad|
kabul|tehran|baghdad|damascus|beirut|jerusalem|tel aviv|cairo|riyadh|dubai|istanbul|ankara|athens|kyiv|kiev|warsaw|
vienna|brussels|amsterdam|geneva|zurich|stockholm|oslo|copenhagen|helsinki|dublin|lisbon|prague|budapest|bucharest|
sydney|melbourne|toronto|montreal|ottawa|vancouver|mexico city|havana|caracas|bogota|lima|santiago|buenos aires|
brasilia|rio de janeiro|sao paulo|johannesburg|nairobi|lagos|bangkok|hanoi|jakarta|manila|singapore|taipei|
kuala lumpur|karachi|lahore|dhaka|kathmandu|shenzhen|guangzhou|wuhan|hong kong|macau|osaka|busan|gyeongju|
middle east|latin america|south america|north america|central asia|southeast asia|east asia|asia-pacific|
western europe|eastern europe|balkans|caribbean|pacific|atlantic|mediterranean|gulf|persian gulf|red sea|
black sea|south china sea|taiwan strait|korean peninsula|west africa|east africa|sahara|himalayas|alps|
midwest|capitol hill|wall street|white house|kremlin|pentagon|downing street`;

export const DEMONYMS = `american americans british chinese japanese korean koreans german germans french russian russians
italian italians spanish mexican mexicans canadian canadians australian australians indian indians pakistani
pakistanis afghan afghans iranian iranians iraqi iraqis israeli israelis palestinian palestinians syrian syrians
turkish egyptian egyptians saudi saudis ukrainian ukrainians polish dutch belgian swiss swedish norwegian danish
finnish irish scottish welsh english european europeans african africans asian asians arab arabs latino latinos
hispanic brazilian brazilians argentine argentinian colombian venezuelan cuban cubans vietnamese thai filipino
indonesian malaysian taiwanese tibetan uighur uyghur kurdish kurds nigerian kenyan ethiopian somali greek greeks
portuguese austrian hungarian czech romanian serbian croatian bosnian albanian lebanese jordanian yemeni libyan
muslim muslims christian christians jewish jews catholic catholics protestant buddhist hindu sunni shiite shia
republican republicans democrat democrats democratic conservative labour
english french spanish arabic mandarin cantonese hindi urdu russian german portuguese
north korean|south korean|african american|african-american|asian-american|latin american|middle eastern`;

export const ORG_WORDS = `inc inc. corp corp. corporation co co. ltd ltd. llc plc ag sa nv group holdings bank party ministry
department agency commission council committee association federation union university college institute
foundation organization organisation authority board bureau court senate congress parliament assembly
administration office service services company airlines airways motors technologies systems partners capital
securities fund trust club league network news times post journal press tribune herald broadcasting
police army navy force forces command guard reserve school hospital center centre society church`;

export const PERSON_TITLES = `mr. mrs. ms. dr. prof. president sen. rep. gov. gen. senator representative governor minister
secretary chancellor premier king queen prince princess pope judge justice chairman chairwoman chief ceo spokesman
spokeswoman spokesperson ambassador director leader coach manager analyst economist professor lawyer attorney
mayor lt. col. capt. sgt. adm. general colonel captain officer commissioner executive founder editor reporter`;

export const FIRST_NAMES = `james john robert michael william david richard joseph thomas charles christopher daniel matthew
anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan
jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick
raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy
christian keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse jordan bryan billy joe bruce
gabriel logan albert willie alan juan wayne elijah randy roy vincent ralph eugene russell bobby mason philip louis
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret sandra ashley
kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca sharon laura cynthia kathleen amy
angela shirley anna brenda pamela emma nicole helen samantha katherine christine debra rachel carolyn janet catherine
maria heather diane ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith megan andrea
cheryl hannah jacqueline martha gloria teresa ann sara madison frances kathryn janice jean abigail alice judy sophia
grace denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany charlotte marie kayla alexis
hillary kamala joe barack nancy mitch chuck elon jeff vladimir emmanuel angela boris xi narendra shinzo justin
recep benjamin volodymyr olaf rishi keir giorgia jair luiz ali mohammed muhammad ahmed hassan hussein omar abdul
wang li zhang liu chen yang huang zhao wu zhou jin kim park lee choi jung yuki hiroshi pierre jean francois hans
klaus juergen jurgen wolfgang giuseppe marco luca carlos luis miguel pedro antonio manuel francisco javier alejandro
sergei sergey dmitry ivan igor mikhail nikolai olga natalia tatiana yuri alexei ahmad mahmoud yusuf ibrahim fatima
aisha priya raj rahul amit sanjay vijay`;

/** Lines with '|' hold multi-word entries separated by '|'; other lines hold single words. */
export function splitList(list: string): string[][] {
  const out: string[][] = [];
  for (const line of list.split('\n')) {
    if (line.includes('|')) {
      for (const e of line.split('|')) { const t = e.trim(); if (t) out.push(t.split(/\s+/)); }
    } else {
      for (const w of line.trim().split(/\s+/)) if (w) out.push([w]);
    }
  }
  return out;
}

/** Well-known organisations in international news (companies, media, institutions). */
export const ORG_NAMES = `reuters|associated press|afp|bloomberg|xinhua|cctv|bbc|cnn|nbc|cbs|abc news|fox news|msnbc|npr|pbs|
al jazeera|new york times|washington post|wall street journal|financial times|the guardian|the economist|politico|
axios|nikkei|kyodo|yonhap|tass|ria novosti|interfax|dpa|ansa|efe|nhk|sky news|deutsche welle|le monde|der spiegel|
apple|google|alphabet|microsoft|amazon|facebook|instagram|whatsapp|twitter|tiktok|bytedance|tencent|alibaba|
baidu|huawei|zte|xiaomi|samsung|lg|sony|toyota|honda|nissan|hyundai|volkswagen|bmw|mercedes-benz|daimler|ford|
general motors|tesla|boeing|airbus|lockheed martin|raytheon|exxon|exxonmobil|chevron|bp|saudi aramco|
gazprom|rosneft|petrochina|sinopec|walmart|costco|nike|coca-cola|pepsico|mcdonald's|starbucks|disney|netflix|
nvidia|intel|amd|qualcomm|tsmc|ibm|oracle|cisco|openai|uber|spacex|pfizer|moderna|johnson & johnson|astrazeneca|
jpmorgan|jpmorgan chase|goldman sachs|morgan stanley|citigroup|bank of america|wells fargo|hsbc|barclays|ubs|
credit suisse|deutsche bank|bnp paribas|blackrock|berkshire hathaway|mastercard|
united nations|nato|european union|eu|european commission|world bank|imf|international monetary fund|
world trade organization|wto|world health organization|opec|asean|african union|g7|g20|interpol|red cross|
federal reserve|pentagon|white house|state department|justice department|fbi|cia|nsa|congress|senate|
house of representatives|supreme court|kremlin|european central bank|ecb|bank of england|bank of japan|
people's bank of china|communist party|chinese communist party|republican party|democratic party|labour party|
conservative party|hamas|hezbollah|taliban|al qaeda|islamic state|isis|harvard|yale|stanford|oxford|cambridge|
brookings institution|council on foreign relations|heritage foundation|rand corporation|amnesty international|
human rights watch|greenpeace|fifa|ioc|uefa|nba|nfl`;
