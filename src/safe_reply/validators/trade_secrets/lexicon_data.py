"""German-English words of codenames: animals, birds, water and land creatures, trees and plants,
weather and sky, minerals and metals, landscapes and waters, stars and planets, and the parts codenames
are compounded of (directions, colours, times, seasons, qualities). Entries are separated by ";": the
German word, a colon, its English words separated by commas (the commonest first). Written for this
package from general language knowledge: no package in the registries ships an offline German-English
word dictionary (the translation packages call web services or download models at run time).
lexicon.py reads it once, when the first policy loads.
"""

from __future__ import annotations

__all__ = ["ENTRIES"]

ENTRIES = """
igel: hedgehog; fuchs: fox; wolf: wolf; bär: bear; luchs: lynx; dachs: badger; otter: otter; biber: beaver
hase: hare; kaninchen: rabbit; hirsch: stag, deer; reh: roe deer; elch: moose, elk; wisent: bison
gämse: chamois; steinbock: ibex, capricorn; murmeltier: marmot; eichhörnchen: squirrel; maulwurf: mole
marder: marten; wiesel: weasel; hermelin: ermine, stoat; fledermaus: bat; maus: mouse; löwe: lion, leo
tiger: tiger; gepard: cheetah; panther: panther; elefant: elephant; nashorn: rhino, rhinoceros
nilpferd: hippo, hippopotamus; kamel: camel; pferd: horse; hengst: stallion; stute: mare; fohlen: foal
esel: donkey; büffel: buffalo; stier: bull, taurus; ochse: ox; widder: ram, aries; ziege: goat; schaf: sheep
lamm: lamb; hund: dog; katze: cat; wal: whale; delfin: dolphin; delphin: dolphin; robbe: seal; seehund: seal
walross: walrus; eisbär: polar bear; faultier: sloth; polarfuchs: arctic fox; schneeleopard: snow leopard
schneehase: mountain hare, snow hare; waschbär: raccoon; stachelschwein: porcupine; wildschwein: wild boar, boar
eber: boar; mammut: mammoth; adler: eagle, aquila; seeadler: sea eagle; steinadler: golden eagle; falke: falcon
wanderfalke: peregrine, peregrine falcon; habicht: hawk, goshawk; sperber: sparrowhawk; bussard: buzzard
milan: kite; geier: vulture; kondor: condor; eule: owl; uhu: eagle owl; kauz: owl; schneeeule: snowy owl
rabe: raven; krähe: crow; elster: magpie; eichelhäher: jay; häher: jay; specht: woodpecker; kranich: crane
storch: stork; reiher: heron; schwan: swan, cygnus; gans: goose; ente: duck; möwe: gull, seagull
albatros: albatross; pelikan: pelican; pinguin: penguin; papagei: parrot; kolibri: hummingbird
eisvogel: kingfisher; zaunkönig: wren; rotkehlchen: robin; amsel: blackbird; drossel: thrush; lerche: lark
nachtigall: nightingale; schwalbe: swallow; mauersegler: swift; spatz: sparrow; sperling: sparrow; fink: finch
buchfink: chaffinch; stieglitz: goldfinch; distelfink: goldfinch; meise: tit; blaumeise: blue tit
kohlmeise: great tit; star: starling; kuckuck: cuckoo; taube: dove, pigeon; fasan: pheasant; rebhuhn: partridge
wachtel: quail; pfau: peacock; hahn: rooster; kiebitz: lapwing; brachvogel: curlew
sturmvogel: petrel, storm petrel; kormoran: cormorant; papageitaucher: puffin; auerhahn: capercaillie
wiedehopf: hoopoe; pirol: oriole; seidenschwanz: waxwing; goldammer: yellowhammer; zeisig: siskin
gimpel: bullfinch; dompfaff: bullfinch; phönix: phoenix; greif: griffin; vogel: bird; hai: shark; lachs: salmon
forelle: trout; hecht: pike; barsch: perch; karpfen: carp; aal: eel; hering: herring; thunfisch: tuna
rochen: ray, stingray; qualle: jellyfish; krake: octopus; tintenfisch: squid; seestern: starfish
seepferdchen: seahorse; seeigel: sea urchin; muschel: shell, mussel; koralle: coral; krabbe: crab
krebs: crab, cancer; hummer: lobster; schildkröte: turtle, tortoise; frosch: frog; kröte: toad; molch: newt
eidechse: lizard; chamäleon: chameleon; schlange: snake, serpent; viper: viper; kobra: cobra; drache: dragon
lindwurm: wyrm, dragon; krokodil: crocodile; libelle: dragonfly; schmetterling: butterfly
falter: moth, butterfly; motte: moth; biene: bee; hummel: bumblebee; wespe: wasp; hornisse: hornet; ameise: ant
käfer: beetle; marienkäfer: ladybird, ladybug; glühwürmchen: firefly, glow-worm; grille: cricket
heuschrecke: grasshopper, locust; zikade: cicada; spinne: spider; skorpion: scorpion, scorpio; schnecke: snail
raupe: caterpillar; eiche: oak; buche: beech; birke: birch; linde: linden, lime tree; ahorn: maple; esche: ash
ulme: elm; erle: alder; weide: willow, pasture; pappel: poplar; kastanie: chestnut; walnuss: walnut
kiefer: pine; fichte: spruce; tanne: fir; lärche: larch; zeder: cedar; zypresse: cypress; eibe: yew
wacholder: juniper; holunder: elder, elderberry; hasel: hazel; haselnuss: hazelnut; palme: palm; bambus: bamboo
mammutbaum: sequoia, redwood; rose: rose; tulpe: tulip; lilie: lily; seerose: water lily; orchidee: orchid
veilchen: violet; lavendel: lavender; mohn: poppy; sonnenblume: sunflower; gänseblümchen: daisy
kornblume: cornflower; löwenzahn: dandelion; enzian: gentian; efeu: ivy; farn: fern; moos: moss; distel: thistle
klee: clover; minze: mint; salbei: sage; thymian: thyme; rosmarin: rosemary; magnolie: magnolia; kirsche: cherry
kirschblüte: cherry blossom; apfel: apple; birne: pear; pflaume: plum; pfirsich: peach; aprikose: apricot
zitrone: lemon; beere: berry; erdbeere: strawberry; himbeere: raspberry; brombeere: blackberry
heidelbeere: blueberry; sanddorn: sea buckthorn; ginster: gorse, broom; heide: heather, heath; schilf: reed
blatt: leaf; blüte: blossom, bloom; wurzel: root; zweig: twig, branch; samen: seed; knospe: bud; dorn: thorn
mistel: mistletoe; wind: wind; sturm: storm; orkan: hurricane; taifun: typhoon; wirbelsturm: cyclone; böe: gust
brise: breeze; nebel: fog, mist, nebula; dunst: haze; wolke: cloud; regen: rain; schauer: shower; hagel: hail
schnee: snow; schneeflocke: snowflake; eis: ice; frost: frost; raureif: hoarfrost, rime; tau: dew
morgentau: morning dew; gewitter: thunderstorm; donner: thunder; blitz: lightning, flash; regenbogen: rainbow
sonne: sun; mond: moon; vollmond: full moon; neumond: new moon; stern: star; sternschnuppe: shooting star
komet: comet; nordlicht: northern lights, aurora; polarlicht: aurora, polar lights; polarnacht: polar night
dämmerung: dusk, twilight; morgenröte: dawn; morgenrot: dawn; abendrot: afterglow, sunset
sonnenaufgang: sunrise; sonnenuntergang: sunset; mitternacht: midnight; himmel: sky; horizont: horizon
glut: ember, glow; funke: spark; flamme: flame; feuer: fire; asche: ash; rauch: smoke; licht: light
schatten: shadow; strahl: ray, beam; welle: wave; flut: flood, tide, high tide; ebbe: low tide, ebb; brandung: surf
strömung: current; gischt: spray, spume; monsun: monsoon; passat: trade wind; nordwind: north wind
ostwind: east wind; westwind: west wind; südwind: south wind; hitzewelle: heatwave; lawine: avalanche
gletscher: glacier; eisberg: iceberg; vulkan: volcano; erdbeben: earthquake; stein: stone; fels: rock
granit: granite; marmor: marble; schiefer: slate; kreide: chalk; kalk: lime, limestone; quarz: quartz
kristall: crystal; diamant: diamond; rubin: ruby; saphir: sapphire; smaragd: emerald; topas: topaz
bernstein: amber; perle: pearl; achat: agate; granat: garnet; türkis: turquoise; gold: gold; silber: silver
kupfer: copper; eisen: iron; stahl: steel; messing: brass; zinn: tin; blei: lead; zink: zinc; platin: platinum
titan: titanium; kobalt: cobalt; chrom: chrome, chromium; graphit: graphite; kohle: coal; salz: salt; sand: sand
ton: clay; glas: glass; porzellan: porcelain; magnet: magnet; erz: ore; berg: mountain; gipfel: summit, peak
grat: ridge; kamm: ridge, crest; hügel: hill; tal: valley; schlucht: gorge, canyon; klippe: cliff; höhle: cave
quelle: spring, source; bach: brook, creek; fluss: river; strom: stream, river; wasserfall: waterfall
see: lake, sea; teich: pond; meer: sea; ozean: ocean; küste: coast; strand: beach; bucht: bay; insel: island
halbinsel: peninsula; riff: reef; lagune: lagoon; mündung: estuary; ufer: shore, bank; düne: dune; wüste: desert
oase: oasis; steppe: steppe; prärie: prairie; savanne: savanna; dschungel: jungle; wald: forest, wood
forst: forest; hain: grove; wiese: meadow; feld: field; moor: moor, bog; sumpf: swamp, marsh; krater: crater
hochland: highland, highlands; ebene: plain; leuchtturm: lighthouse; hafen: harbour, harbor, port
brücke: bridge; turm: tower; burg: castle; festung: fortress; mühle: mill; anker: anchor; segel: sail
kompass: compass; kiel: keel; ruder: rudder, oar; merkur: mercury; erde: earth; neptun: neptune
milchstraße: milky way; galaxie: galaxy; planet: planet; polarstern: pole star, north star, polaris
nordstern: north star, pole star; sternbild: constellation; weltall: universe, space; zwerg: dwarf; riese: giant
sonnenwind: solar wind; finsternis: eclipse, darkness; zwillinge: twins, gemini; jungfrau: virgo, maiden
waage: libra, scales; schütze: archer, sagittarius; wassermann: aquarius; fische: pisces, fish
leier: lyre, lyra; nord: north, northern; süd: south, southern; ost: east, eastern; west: west, western
polar: polar; arktis: arctic; schwarz: black; weiß: white; rot: red; blau: blue; grün: green; gelb: yellow
grau: grey, gray; braun: brown; dunkel: dark; hell: bright; schnell: swift, fast; wild: wild
still: silent, quiet; kalt: cold; tief: deep; hoch: high; ewig: eternal; morgen: morning; abend: evening
nacht: night; tag: day; sommer: summer; winter: winter; frühling: spring; herbst: autumn, fall; feder: feather
flügel: wing; schwinge: wing; kralle: claw; pfote: paw; horn: horn; herz: heart; krone: crown; könig: king
königin: queen; ritter: knight; wächter: guardian, warden, watcher; hüter: keeper, guardian; jäger: hunter
läufer: runner; reiter: rider; wanderer: wanderer; lotse: pilot; pfad: path; tor: gate; schild: shield
schwert: sword; pfeil: arrow; bogen: bow, arc; hammer: hammer; amboss: anvil; schmied: smith; schlüssel: key
kachel: tile; kakao: cocoa; mokka: mocha; zunder: tinder; seide: silk; samt: velvet; leinen: linen; wolle: wool
projekt: project; codename: codename
"""
