"""Tests of archivist.quotes: quotes and speakers through the real model, one table case per pattern.

The cue-finding modules it drives (archivist.attribution, archivist.leads, archivist.cues) are
exercised here as a whole; their own test files check a few of their functions directly.
"""

from __future__ import annotations

import json

import pytest
from conftest import DATA

# --- quotes and speakers, real model ---------------------------------------------------------

CASES = [
    # (pattern, text, [(quote text, speaker, speaker mention text, kind)])
    ("X said", 'Mayor Jane Holloway opened the bridge on Monday.\n"This bridge will change the city," Holloway said.',
     [('"This bridge will change the city,"', "Jane Holloway", "Holloway", "direct")]),
    ("said X", 'Mayor Jane Holloway opened the bridge on Monday.\n"This bridge will change the city," said Holloway.',
     [('"This bridge will change the city,"', "Jane Holloway", "Holloway", "direct")]),
    ("X told Y", 'Senator Mark Delgado spoke on Tuesday.\nDelgado told reporters, "We have the votes to pass this bill."',
     [('"We have the votes to pass this bill."', "Mark Delgado", "Delgado", "direct")]),
    ("according to X", 'The storm hit hard on Friday. "We will rebuild every one of them," according to Governor Ellen Park.',
     [('"We will rebuild every one of them,"', "Ellen Park", "Ellen Park", "direct")]),
    ("X said: before", 'Governor Ellen Park addressed the state on Friday. Park said: "We will rebuild every one of them."',
     [('"We will rebuild every one of them."', "Ellen Park", "Park", "direct")]),
    ("cue between halves", 'Police Chief Tom Reyes spoke after the arrest.\n"We found the car," Reyes said. "The driver is in custody."',
     [('"We found the car,"', "Tom Reyes", "Reyes", "direct"),
      ('"The driver is in custody."', "Tom Reyes", "Reyes", "direct")]),
    ("continues next paragraph", 'Police Chief Tom Reyes spoke after the arrest.\n"We found the car," Reyes said.\n'
     '"We are grateful to the public for their help."',
     [('"We found the car,"', "Tom Reyes", "Reyes", "direct"),
      ('"We are grateful to the public for their help."', "Tom Reyes", "Reyes", "direct")]),
    ("over several paragraphs", 'Economist Maria Chen spoke at length.\n"Inflation is not over. It will stay high for a year.\n'
     '"Wages will not keep up," Chen said.',
     [('"Inflation is not over. It will stay high for a year.', "Maria Chen", "Chen", "direct"),
      ('"Wages will not keep up,"', "Maria Chen", "Chen", "direct")]),
    ("partial in paraphrase", 'President Anna Kowalski called the proposal "a dangerous mistake," and left the room.',
     [('"a dangerous mistake,"', "Anna Kowalski", "Anna Kowalski", "partial")]),
    ("partial after said", 'Anna Kowalski said the report showed "no evidence of wrongdoing."',
     [('"no evidence of wrongdoing."', "Anna Kowalski", "Anna Kowalski", "partial")]),
    ("nested single quotes", 'Former minister David Brandt criticised the plan.\n"I told them, \'This will fail,\' and it did," Brandt said.',
     [('"I told them, \'This will fail,\' and it did,"', "David Brandt", "Brandt", "direct")]),
    ("doubled apostrophes", "Former minister David Brandt criticised the plan.\n''It will fail,'' Mr. Brandt said.",
     [("''It will fail,''", "David Brandt", "Brandt", "direct")]),
    ("curly marks", "Former minister David Brandt criticised the plan.\n“It will fail,” Brandt said. “Nobody listened.”",
     [("“It will fail,”", "David Brandt", "Brandt", "direct"), ("“Nobody listened.”", "David Brandt", "Brandt", "direct")]),
    ("pronoun", 'Maria Lopez, the campaign manager, spoke on Sunday.\n"We are winning," she said.',
     [('"We are winning,"', "Maria Lopez", "she", "direct")]),
    ("description via role", 'Kremlin spokesperson Dmitry Peskov met reporters.\n"The talks failed," the Kremlin spokesperson said.',
     [('"The talks failed,"', "Dmitry Peskov", "the Kremlin spokesperson", "direct")]),
    ("unnamed source", '"We will not comment on the investigation," a senior official said.',
     [('"We will not comment on the investigation,"', None, "a senior official", "direct")]),
    ("organisation", '"The deal is off," The New York Post reported.',
     [('"The deal is off,"', "New York Post", "New York Post", "direct")]),
    ("title is no quote", 'The film "Ordinary Days" opened on Friday to strong reviews.', []),
    ("a title that is the subject of a speech verb is no quote", 'Ann Ruiz sang it on Friday.\n\n“Blue River '
     '(Live)” was written by Tom Hale after the flood.', []),
    ("scare quote is no quote", 'Officials said they would "deescalate" the situation.', []),
    ("sign-off with no-break space", 'Readers wrote in.\n"He makes simple blanket statements."― Pamela Rios\u00a0\n"Next one."― Jo Park',
     [('"He makes simple blanket statements."', "Pamela Rios", "Pamela Rios", "direct"),
      ('"Next one."', "Jo Park", "Jo Park", "direct")]),
    ("sign-off on its own line", 'We checked the claims.\n"Almost all new income is going to the top 1 percent."\n- Bernie Sanders.\nThe claim is old.',
     [('"Almost all new income is going to the top 1 percent."', "Bernie Sanders", "Bernie Sanders", "direct")]),
    ("cue right after a doubled-apostrophe quote", "Greg Raiff, a broker, said the plane was odd. ''It is like buying a bag of chips,'' he said.",
     [("''It is like buying a bag of chips,''", "Greg Raiff", "he", "direct")]),
    ("speaker named in the sentence before", 'The agency may be slow to act, Adam Schiff said. "The other factor is the appearance of bias."',
     [('"The other factor is the appearance of bias."', "Adam Schiff", "Adam Schiff", "direct")]),
    ("name beside its description", 'Michael Flynn spoke on Thursday.\n"He is absolutely right. There is a severe disconnect '
     'between the White House and our military," Flynn, a top Trump surrogate, said Thursday morning on Fox News.',
     [('"He is absolutely right. There is a severe disconnect between the White House and our military,"',
       "Michael Flynn", "Flynn, a top Trump surrogate", "direct")]),
    ("surname the NER missed", 'Retired general Norman Hamm retired in 2013. Hamm made it clear he had misgivings.\n'
     '"It was demoralizing," he said.',
     [('"It was demoralizing,"', "Norman Hamm", "he", "direct")]),
    ("description of a role never written out", 'Senator Bernie Sanders spoke in Ohio on Tuesday.\n'
     'The Vermont senator said he would "introduce legislation to fix our rigged tax system."',
     [('"introduce legislation to fix our rigged tax system."', "Bernie Sanders", "The Vermont senator", "partial")]),
    ("honorific keeps a surname off the other gender's full name",
     'Michelle Dunmore and her husband spoke at the rally.\n"We will win this state," Mr. Dunmore said.',
     [('"We will win this state,"', "Dunmore", "Dunmore", "direct")]),
    ("organisation description", 'The Association of Flight Attendants endorsed Clinton on Friday.\n'
     '"She has fought for workers all her life," the union wrote.',
     [('"She has fought for workers all her life,"', "Association of Flight Attendants", "the union", "direct")]),
    ("description with the name after it", 'Her former business partner at Acme, John T. Ward, said she was a master '
     'of deals: "She could close anything, anywhere."',
     [('"She could close anything, anywhere."', "John T. Ward", "Her former business partner at Acme, John T. Ward", "direct")]),
    ("hyphenated name the NER cut short", 'Foreign Minister Lee Min-jun met the envoys on Friday.\n'
     '"We must act now," he told reporters.',
     [('"We must act now,"', "Lee Min-jun", "he", "direct")]),
    ("doubled consonant cue", 'Mayor Jane Holloway spoke on Monday. She admitted that the bridge was "a costly mistake for the city."',
     [('"a costly mistake for the city."', "Jane Holloway", "She", "partial")]),
    ("one word a characterising verb governs", 'New Jersey Gov. Tom Reyes called the senator a "disgrace" on Wednesday.',
     [('"disgrace"', "Tom Reyes", "Tom Reyes", "partial")]),
    ("one word as the reported predicate", 'Mayor Jane Holloway said the plan was "unworkable" and left.',
     [('"unworkable"', "Jane Holloway", "Jane Holloway", "partial")]),
    ("one word deeper in the reported clause is no quote",
     'Mayor Jane Holloway said Russia could take unspecified "measures" at sea.', []),
    ("nickname someone gave", 'Senator Jo Park called his rival "Little Marco" again on Monday.',
     [('"Little Marco"', "Jo Park", "Jo Park", "partial")]),
    ("show told is no quote", 'Senator Jo Park told "Fox and Friends" on Monday that he would win.', []),
    ("one word after as", 'Governor Ann Ruiz blasted the senator as a "disgrace" on Wednesday.',
     [('"disgrace"', "Ann Ruiz", "Ann Ruiz", "partial")]),
    ("a list of quoted words", 'Senator Tim Cole called his rival a "liar," a "bully" and a "coward."',
     [('"liar,"', "Tim Cole", "Tim Cole", "partial"), ('"bully"', "Tim Cole", "Tim Cole", "partial"),
      ('"coward."', "Tim Cole", "Tim Cole", "partial")]),
    ("short organisation name", 'The Tampa Bay Times reviewed the claim on Monday.\n"The claim is false," the Times wrote.',
     [('"The claim is false,"', "Tampa Bay Times", "Times", "direct")]),
    ("document of an organisation", 'The International Monetary Fund cut its forecast on Tuesday.\n'
     '"The outlook remains weak," the IMF report stated.',
     [('"The outlook remains weak,"', "International Monetary Fund", "the IMF report", "direct")]),
    ("likened to", 'Senator Ray Okafor likened the new rules to "tearing up the charter" on Tuesday.',
     [('"tearing up the charter"', "Ray Okafor", "Ray Okafor", "partial")]),
    ("condemned as", 'Governor Lena Brandt condemned the vote as "reckless and cruel" on Friday.',
     [('"reckless and cruel"', "Lena Brandt", "Lena Brandt", "partial")]),
    ("document points back to its maker", 'The Harlow Institute released a report on Monday about rents.\n'
     '"Rents rose faster than wages," the report said.',
     [('"Rents rose faster than wages,"', "Harlow Institute", "the report", "direct")]),
    ("document of an unnamed maker stays unnamed", 'The Harlow Institute praised the city on Monday. Its new study '
     'came out later.\n"Rents rose faster than wages," the study said.',
     [('"Rents rose faster than wages,"', None, "the study", "direct")]),
    ("shared surname right after an introduction", 'Coach Gary Brandt praised the team. Gary Brandt won again. '
     'Gary Brandt smiled.\nHis cousin, Mayor Jeh Brandt, spoke too. Brandt said, "We are proud of them."',
     [('"We are proud of them."', "Jeh Brandt", "Brandt", "direct")]),
    ("statement someone issued", 'Senator Maya Okonkwo released a statement saying "the bill is dead and buried."',
     [('"the bill is dead and buried."', "Maya Okonkwo", "Maya Okonkwo", "partial")]),
    ("sign someone held", 'Voter Dana Whitfield held up a sign that read "Farmers First!" outside the hall.',
     [('"Farmers First!"', "Dana Whitfield", "Dana Whitfield", "partial")]),
    ("colon after any verb", 'After the storm, Governor Ines Varga issued the following statement:\n\n'
     '"Our thoughts are with every family in the valley. We will rebuild."',
     [('"Our thoughts are with every family in the valley. We will rebuild."', "Ines Varga", "Ines Varga", "direct")]),
    ("relayed through according to", 'Mayor Jane Holloway met the council.\n'
     '"We will not raise taxes," Holloway said, according to the Riverton Gazette.',
     [('"We will not raise taxes,"', "Riverton Gazette", "Riverton Gazette", "direct")]),
    ("colon after a clause in the paragraph", '"We have to start over," Mayor Jane Holloway said. Senator Ray Okafor '
     'delivered a sharp retort: "Nobody is tearing this up."',
     [('"We have to start over,"', "Jane Holloway", "Jane Holloway", "direct"),
      ('"Nobody is tearing this up."', "Ray Okafor", "Ray Okafor", "direct")]),
    ("relative pronoun names the speaker", 'The plan drew fire from Senator Tim Cole, who said it was "a gift to '
     'the banks."',
     [('"a gift to the banks."', "Tim Cole", "who", "partial")]),
    ("footage of a person saying", 'The new ad uses footage of Governor Ann Ruiz asking, "Who will pay for this bridge?"',
     [('"Who will pay for this bridge?"', "Ann Ruiz", "Ann Ruiz", "direct")]),
    ("went on after a quote", 'Mayor Jane Holloway smiled at Senator Tim Cole.\n"You know, it happens, right?" Holloway '
     'went on, as if she had not heard him.',
     [('"You know, it happens, right?"', "Jane Holloway", "Holloway", "direct")]),
    ("continued remarks lead the next paragraph", 'Senator Tim Cole spoke in Ohio.\nCole continued his remarks.\n'
     '"Eight years ago we were told to wait. We waited, and nothing changed."',
     [('"Eight years ago we were told to wait. We waited, and nothing changed."', "Tim Cole", "Cole", "direct")]),
    ("exhorted after a quote", '"It is time we had a nurse running this city," exhorted Mayor Lena Brandt.',
     [('"It is time we had a nurse running this city,"', "Lena Brandt", "Lena Brandt", "direct")]),
    ("pronoun never takes the other gender", 'Senator Tim Cole left the hall early.\n"We will win this seat," she said.',
     [('"We will win this seat,"', None, "she", "direct")]),
    ("description matches an abbreviated title", 'Republican Idaho Gov. Carl Brenner spoke on Friday, after Mayor Lou '
     'Diaz left.\n\nThe Idaho governor said the state "will not back down."',
     [('"will not back down."', "Carl Brenner", "The Idaho governor", "partial")]),
    ("bare surname long before a later full name", 'President Kane spoke on Monday. Kane was calm. Kane took '
     'questions. Kane joked.\n"We will act," Kane said.\nHis wife, Ruth Kane, smiled. Ruth Kane waved. Ruth Kane left.',
     [('"We will act,"', "Kane", "Kane", "direct")]),
    ("pronoun after a person introduced closing the paragraph", 'While Mayor Tom Reyes spoke often, nobody wrote '
     'about the plan, which worries Carl Benson, president of the Ohio Farm Union.\n\n"Nobody is listening," he said.',
     [('"Nobody is listening,"', "Carl Benson", "he", "direct")]),
    ("pronoun after the one person the closing sentence names", 'Mayor Ann Reyes spoke on Monday.\n\nThe plan '
     'drew criticism from Senator Jane Moore.\n\n"The plan will fail," she said.',
     [('"The plan will fail,"', "Jane Moore", "she", "direct")]),
    ("pronoun takes the main clause's subject", 'Mayor Tom Reyes spoke on Monday.\n\nCarl Benson said Reyes had '
     'won the debate easily.\n\n"He has nothing to prove," he said.',
     [('"He has nothing to prove,"', "Carl Benson", "he", "direct")]),
    ("description skips a sentence that continues it", 'Tom Reyes spoke in Ohio on Friday.\n\nThe nominee was '
     'speaking hours after Carl Benson attacked the plan.\n\nThe Ohio governor said the plan "will not pass."',
     [('"will not pass."', "Tom Reyes", "The Ohio governor", "partial")]),
    ("a pronoun after a description takes whom the description continues", 'Rep. Tom Reyes left his party on '
     'Monday.\n\nReyes said that he had already changed his registration.\n\nThe House has 218 Republicans, which '
     'means Carl Benson can lose only one vote.\n\nThe Ohio lawmaker said he will keep voting with Republicans.\n\n'
     '"I am an independent now," he said.',
     [('"I am an independent now,"', "Tom Reyes", "he", "direct")]),
    ("'For X, it ...:' is X's", 'Costume designer Joanna Rowe drew on her own experience.\n\nThat inspired the '
     'gray cardigan, which Jones wears throughout. For Rowe, it also added a nuanced perspective that was not part of '
     'the script: “We could create the idea of what Mark Darcy might have been wearing at home.”',
     [('“We could create the idea of what Mark Darcy might have been wearing at home.”', "Joanna Rowe", "Rowe",
       "direct")]),
    ("a title opening the writer's sentence is no quote", 'Critic Ann Moss reviewed the show on Monday.\n\n“It '
     'moves fast,” Moss said. “It never lets up.”\n\n“Heated Rivalry” follows the two players from the ice to the '
     'hotel rooms.',
     [('“It moves fast,”', "Ann Moss", "Moss", "direct"), ('“It never lets up.”', "Ann Moss", "Moss", "direct")]),
    ("a surname opening the sentence, tagged as a plural noun", 'Maine Gov. Janet Mills is running for the '
     'Senate.\n\nMills has also joked on social media: “For what it’s worth, I don’t have any tattoos.”',
     [('“For what it’s worth, I don’t have any tattoos.”', "Janet Mills", "Mills", "direct")]),
    ("a noun split off the name as a second subject", 'Tiger Woods won here in 1997.\n“Watching him win around '
     'this place in ’97 is kind of the reason I got into golf,” said world No. 20 Harris English this week.',
     [('“Watching him win around this place in ’97 is kind of the reason I got into golf,”', "Harris English",
       "No. 20 Harris English", "direct")]),
    ("a name and a thing as one verb's two subjects", 'House Speaker Paul Ryan, R-Wis., despite admitting that he '
     'did have his concerns about “trial lawyers trying to get rich” and general “legal matters” that could be '
     'worrisome, the victims “do need to have their day in court.”',
     [('“trial lawyers trying to get rich”', "Paul Ryan", "Paul Ryan", "partial"),
      ('“legal matters”', "Paul Ryan", "Paul Ryan", "partial"),
      ('“do need to have their day in court.”', "Paul Ryan", "Paul Ryan", "partial")]),
    ("a misparsed relative pronoun is the noun before it", 'Politifact checked the claim on Monday.\n\nTo solve '
     'this quandary, they turned to the Chicago Police Department which reported “2,521 shooting incidents” in the city.',
     [('“2,521 shooting incidents”', "Chicago Police Department", "which", "partial")]),
    ("... or its clause's subject, never a person before", 'So is Damian Enderle, another streamer who drives by.\n'
     'On the third day, a sign appeared outside her home that read, “Dear Guthrie Family, Your neighbors stand with '
     'you.”',
     [('“Dear Guthrie Family, Your neighbors stand with you.”', None, "that", "direct")]),
    ("a pronoun continues the sentence before's own pronoun", 'Brian Hooker, 59, was on the boat with his wife.\n'
     'He was taken into custody as a suspect, Dames said, though no charges have been announced.\n“I am heartbroken '
     'over the recent boat accident,” he said in a statement before his arrest.',
     [('“I am heartbroken over the recent boat accident,”', "Brian Hooker", "he", "direct")]),
    ("... past the name it embeds", 'Mr. Lou met Jacob Lew in Beijing on Monday.\n\nHe said there was nothing wrong '
     "with Mr. Lew's raising the problem in the talks. ''They're under pressure domestically,'' he said.",
     [("''They're under pressure domestically,''", "Lou", "he", "direct")]),
    ("'the family' is no 'family attorney'", 'The family of Celeste Rivas asked for privacy.\n“The family is '
     'committed to ensuring that her voice is heard,” family attorney Patrick Steinfeld said.\n“Celeste was a '
     'beautiful, strong girl who loved to sing and dance,” the family said in a statement.',
     [('“The family is committed to ensuring that her voice is heard,”', "Patrick Steinfeld", "Patrick Steinfeld",
       "direct"),
      ('“Celeste was a beautiful, strong girl who loved to sing and dance,”', None, "the family", "direct")]),
    ("'for her, the aim is clear:' is hers", 'Marie-Louise Eta coaches the team. “I know that this has big '
     'meaning,” she told CNN.\nYet for her, the aim is clear: “It’s about getting points and taking care of the '
     'football.”',
     [('“I know that this has big meaning,”', "Marie-Louise Eta", "she", "direct"),
      ('“It’s about getting points and taking care of the football.”', "Marie-Louise Eta", "her", "direct")]),
    ("... but not one in a clause beside the named subject", 'Magistrate Andy Cheng said the case was serious.\nWhen '
     'asked what she would like to tell her dad, Anna Kwok said she wanted to hug him.\n“Asian dads are not very '
     'known for showing affection with hugs,” she said.',
     [('“Asian dads are not very known for showing affection with hugs,”', "Anna Kwok", "she", "direct")]),
    ("'the Trump adviser' is not Trump", 'President Donald Trump kept Susie Wiles in her job.\n“I did send her a '
     'text that I’ll keep her in my prayers,” the longtime Trump adviser said.',
     [('“I did send her a text that I’ll keep her in my prayers,”', None, "the longtime Trump adviser", "direct")]),
    ("'X's spokesperson' is someone else, unnamed", 'Snoop Dogg is being sued. The star has not been charged.\n'
     'The rapper\'s spokesperson said: "Snoop will have the opportunity to prove it."',
     [('"Snoop will have the opportunity to prove it."', None, "The rapper's spokesperson", "direct")]),
    ("'the spokesperson' is no earlier subject", '“Mel was a wonderful colleague,” Michael Healy wrote in a '
     'statement.\nA spokesperson for UK broadcaster Channel 4 shared a similar sentiment in a statement to CNN '
     'Tuesday, saying: “We share in the sorrow.”\nThe channel credited her work as being “at the heart” of the '
     'show’s success. “It reflected so much about her.”\n'
     + 'Schilling had surgery, then chemotherapy, and she wrote about it often, for her readers, in long posts. ' * 6
     + '“Mel was not just a colleague but a friend,” the spokesperson added.',
     [('“Mel was a wonderful colleague,”', "Michael Healy", "Michael Healy", "direct"),
      ('“We share in the sorrow.”', None, "A spokesperson", "direct"),
      ('“at the heart”', "Channel 4", "The channel", "partial"),
      ('“It reflected so much about her.”', "Channel 4", "The channel", "direct"),
      ('“Mel was not just a colleague but a friend,”', None, "the spokesperson", "direct")]),
    ("a verb after the quote that reports words of its own is no cue", 'Mr Farage spoke. The proposed question '
     'is: "Should the United Kingdom approve the Treaty?" The Electoral Commission said it was satisfied.',
     [('"Should the United Kingdom approve the Treaty?"', None, "The proposed question", "direct")]),
    ("'the' and a capitalised title is a description", 'Sacked MP Howard Flight quit on Friday. The MP, who is '
     'consulting his lawyers, told BBC News: "They selected me."',
     [('"They selected me."', "Howard Flight", "The MP", "direct")]),
    ("... which a deputy's or a shadow's title does not match", 'Shadow foreign secretary Michael Ancram said the '
     'campaign was positive. Mr Straw spoke to the Centre on Monday. The Foreign Secretary told the BBC: "I was '
     'making an observation."',
     [('"I was making an observation."', "Straw", "The Foreign Secretary", "direct")]),
    ("an age points back to the person named before", 'Comedian Ronnie Corbett also criticised quiz shows. "It '
     'is just laughing at each other," said the 74-year-old comedian.',
     [('"It is just laughing at each other,"', "Ronnie Corbett", "the 74-year-old comedian", "direct")]),
    ("... as the subject the parser left out", 'All Blacks captain Tama Umaga was pleased. "It is huge," the '
     '31-year-old said.', [('"It is huge,"', "Tama Umaga", "31-year-old", "direct")]),
    ("'it was that ...' names no one: the quote goes on", 'President Donald Trump spoke to CBS News on Monday '
     'about Iran. “They have no leadership,” he added.\nBut then it was that “two levels of leadership are '
     'gone.”',
     [('“They have no leadership,”', "Donald Trump", "he", "direct"),
      ('“two levels of leadership are gone.”', "Donald Trump", "he", "partial")]),
    ("'said Firm's Name': the name after the firm's", '"It could ignite interest in the industry," added Ernst '
     'and Young\'s Sanjay Mehta. Investment bank Morgan Stanley has said more.',
     [('"It could ignite interest in the industry,"', "Sanjay Mehta", "Sanjay Mehta", "direct")]),
    ("a title the parser made the head names the person after it", 'Phil Vickery was hurt. Gloucester director '
     'of rugby Nigel Melville said: "Phil has broken his radius."',
     [('"Phil has broken his radius."', "Nigel Melville", "Gloucester director of rugby Nigel Melville", "direct")]),
    ("... with no quoted words in the speaker's phrase", 'Another was tour manager Thomas Gray, 24.\n"I am in awe of '
     'the people who ran towards danger to keep us all safe" tweeted Mayor of London Sadiq Khan (no relation).',
     [('"I am in awe of the people who ran towards danger to keep us all safe"', "Sadiq Khan",
       "Mayor of London Sadiq Khan", "direct")]),
    ("... but not an owner", 'Donald Trump sued the newspaper.\n“President Trump will refile this lawsuit,” a '
     'spokesman for Trump’s legal team told CNN in a statement.',
     [('“President Trump will refile this lawsuit,”', None, "a spokesman", "direct")]),
    ("... nor the one it serves", 'Celebrity doctor Peter Attia has resigned from CBS News.\n“Dr. Attia’s '
     'contributor role was newly established,” a spokesperson for Attia said in a statement.',
     [('“Dr. Attia’s contributor role was newly established,”', None, "a spokesperson", "direct")]),
    ("an occupation is a role a description matches", 'Actress Denise Crosby is set to appear in Suits.\n"I had no '
     'lines," the actress said.', [('"I had no lines,"', "Denise Crosby", "the actress", "direct")]),
    ("'the Trump administration' is no other organisation", 'Amnesty International condemned the strikes on '
     'Monday.\nThe Trump administration has called the reports “fake news from the left.”',
     [('“fake news from the left.”', None, "The Trump administration", "partial")]),
    ("'the post read' that the tagger made a noun phrase", 'Lee wrote on Instagram.\n“A dog is seen depositing a '
     'bag of waste in the street,” the post read.',
     [('“A dog is seen depositing a bag of waste in the street,”', None, "post", "direct")]),
    ("a name and its appositive made two subjects", '"They should seize the moment," Mr Prettejohn, Lloyd\'s chief '
     'executive said.', [('"They should seize the moment,"', "Prettejohn", "Prettejohn", "direct")]),
    ("X texted Y, \"...\"", 'Eric Richins died in 2022.\nAbout a month after her husband died, Kouri Richins texted '
     'Grossmann, “I think I want you to be my husband one day.”',
     [('“I think I want you to be my husband one day.”', "Kouri Richins", "Kouri Richins", "direct")]),
    ("the name in an aside speaks the quote after", 'Biologist Rachel Anstett studied the monkeyflowers for years.\n'
     'This study, Anstett said, offers rigorous evidence that evolution happened and it led to a demographic recovery. '
     '“We had a lot of information about the wildflowers’ demography and the genes.”',
     [('“We had a lot of information about the wildflowers’ demography and the genes.”', "Rachel Anstett", "Anstett",
       "direct")]),
    ("said X described by a participle", '“We are keeping an elevated threat level,” said one cyber expert focused '
     'on health care who spoke on the condition of anonymity.',
     [('“We are keeping an elevated threat level,”', None, "one cyber expert", "direct")]),
    ("one quoted word opening a clause is a term, not a quote card", 'Savannah Guthrie stayed in Tucson.\nBut once '
     'Nancy Guthrie was reported missing and Savannah flew to Tucson to support the search, “Today” stayed home in New '
     'York. “Brent” fell hard on Monday.', []),
    ("... and the quote after a colon", 'Rep. Warren Davidson voted against the bill.\nThe message, he said, was '
     'simply: “Hey, there’s still people that hear you.”',
     [('“Hey, there’s still people that hear you.”', "Warren Davidson", "he", "direct")]),
    ("a curly 'wouldn’t' is no subject", 'Historian Tim Dwyer studied the relics.\nDwyer says he wouldn’t put his '
     'money on the holy bones being real: “It’s important to remember, this is a time where everyone wants relics of '
     'saints.”',
     [('“It’s important to remember, this is a time where everyone wants relics of saints.”', "Tim Dwyer", "Dwyer",
       "direct")]),
    ("an organisation's name the NER missed is the whole capitalised phrase", '“At its height, 18 appliances were '
     'mobilised to the scene,” the Scottish Fire and Rescue Service said at 2 a.m. local time.',
     [('“At its height, 18 appliances were mobilised to the scene,”', "Scottish Fire and Rescue Service",
       "the Scottish Fire and Rescue Service", "direct")]),
    ("a pronoun about someone else is no gender evidence", 'Radio host Robin Dorlan spoke on Monday about Mayor '
     'Jane Moore.\n\nDorlan added that voters distrust Jane Moore. She cannot win this race. She has lost her base.'
     '\n\nDorlan continued: "We will see."\n\nHe concluded: "Nobody trusts her now."',
     [('"We will see."', "Robin Dorlan", "Dorlan", "direct"),
      ('"Nobody trusts her now."', "Robin Dorlan", "He", "direct")]),
    ("a pronoun under its named subject takes the name", 'Senator Jane Moore spoke in Ohio on Friday.\n\nMoore '
     'says she admired what she calls "a war of some pretty unpleasant words."',
     [('"a war of some pretty unpleasant words."', "Jane Moore", "Moore", "partial")]),
    ("a pronoun heading its own coordinated clause stays", 'Senator Tom Reyes spoke on Friday.\n\nReyes called the '
     'plan "a gift to lobbyists," but he also noted "some good parts."',
     [('"a gift to lobbyists,"', "Tom Reyes", "Reyes", "partial"), ('"some good parts."', "Tom Reyes", "he", "partial")]),
    ("a thing is no speaker: the clause's governor is", 'Senator Rand Paul spoke on Monday.\n\nPaul said the '
     'tax plan would give money to donors, and the plan called the budget "a gift to the wealthy."',
     [('"a gift to the wealthy."', "Rand Paul", "Paul", "partial")]),
    ("any verb closing the clause after a quote's comma", 'Voter Brad Miller came to the rally with Jane Roe, '
     'who held a sign that read "Vote Now!"\n\n'
     '"People are afraid of wasting their votes," he surmised. "I see it all the time."',
     [('"Vote Now!"', None, "that", "partial"),
      ('"People are afraid of wasting their votes,"', "Brad Miller", "he", "direct"),
      ('"I see it all the time."', "Brad Miller", "he", "direct")]),
    ("a live blog's entry starts its own story", 'The Latest on the race.\n\n___.\n\n5:55 p.m.\n\nSenator Tom '
     'Reyes spoke in Ohio on Monday.\n\n___.\n\n8:05 a.m.\n\nCandidate Gary Johnson\'s doctor calls him fit.\n\n'
     'The former governor is a runner. "I am in good health," he said.',
     [('"I am in good health,"', "Gary Johnson", "he", "direct")]),
    ("a shared surname in a live blog's entry", 'The Latest.\n\n___.\n\n5:55 p.m.\n\nLibertarian candidate Gary '
     'Johnson spoke in Ohio on Monday. Johnson said he would win.\n\n___.\n\n8:05 a.m.\n\nHomeland Security '
     'Secretary Jeh Johnson says hackers are busy. Officials in two states must prepare now. The FBI warned them '
     'last month after an attack on a data system.\n\nJohnson named no state. "There is no one single point of '
     'failure," he said.',
     [('"There is no one single point of failure,"', "Jeh Johnson", "he", "direct")]),
    ("a sign-off ending the paragraph signs its quotes", 'Readers wrote in after the debate.\n'
     '“He is no leader at all. He is a bully.” ― Ann Ruiz\n'
     '“Nobody I know will vote for him this year.” And “never again.” ― Carla Sanchez.',
     [('“He is no leader at all. He is a bully.”', "Ann Ruiz", "Ann Ruiz", "direct"),
      ('“Nobody I know will vote for him this year.”', "Carla Sanchez", "Carla Sanchez", "direct"),
      ('“never again.”', "Carla Sanchez", "Carla Sanchez", "partial")]),
    ("paraphrase: the nearest governing subject that can speak", 'Senator Ann Reyes spoke on Monday.\n\nReyes '
     'worries that the money was coming from "the drug trade and other crimes."',
     [('"the drug trade and other crimes."', "Ann Reyes", "Reyes", "partial")]),
    ("X's claim that ...: the claim's owner", 'Mayor Tom Reyes spoke on Monday.\n\nReyes\'s claim that the '
     'bridge would be "the finest in the country" drew laughs.',
     [('"the finest in the country"', "Tom Reyes", "Reyes", "partial")]),
    ("an age between the name and the cue", 'Anchor Jorge Ramos spoke out.\n\n“We were wrong to stay quiet so '
     'long,” Ramos, 58, told a news agency in Mexico City.',
     [('“We were wrong to stay quiet so long,”', "Jorge Ramos", "Ramos", "direct")]),
    ("a long appositive between the name and the cue", 'Polls moved again.\n\n“Clinton needs a strategy for '
     'these voters,” Nate Silver, the polling guru who founded a website, tweeted on Wednesday.',
     [('“Clinton needs a strategy for these voters,”', "Nate Silver", "Nate Silver", "direct")]),
    ("names as labels before quotes", 'Jeb Bush and Hillary Clinton reject the term.\n\nClinton: "Our goal is to '
     'defeat the group." Bush: "The mission is to destroy it."',
     [('"Our goal is to defeat the group."', "Hillary Clinton", "Clinton", "direct"),
      ('"The mission is to destroy it."', "Jeb Bush", "Bush", "direct")]),
    ("a full stop where the comma belongs", 'Donald Trump spoke in Florida.\n\n“I hope you are able to find the '
     'emails that are missing.” Trump said.',
     [('“I hope you are able to find the emails that are missing.”', "Donald Trump", "Trump", "direct")]),
    ("a quotation paragraph before the one its speaker closes", 'Richard Viguerie backs Ted Cruz.\n\n'
     '“Not only can Ted Cruz win in November, he is the one with the best chance.”\n\n'
     '“Trump does not unite the party,” Viguerie notes.',
     [('“Not only can Ted Cruz win in November, he is the one with the best chance.”', "Richard Viguerie",
       "Viguerie", "direct"),
      ('“Trump does not unite the party,”', "Richard Viguerie", "Viguerie", "direct")]),
    ("a lead paragraph whose speech verb is a complement", 'Donald Trump spoke to Sean Hannity on Monday.\n\n'
     'Trump was quick to add that the deal does not include dropping the wall.\n\n“Building it? Not negotiable.”',
     [('“Building it? Not negotiable.”', "Donald Trump", "Trump", "direct")]),
    ("any verb, then another clause", 'Donald Trump spoke in Iowa.\n\n“Go back to Univision,” Trump barked and '
     'a guard escorted the reporter out.',
     [('“Go back to Univision,”', "Donald Trump", "Trump", "direct")]),
    ("a press release: its sender speaks", 'Senator Ann Reyes held a call.\n\nAfter the call, Reyes sent out a '
     'press release saying her rival owes “the state an explanation for his votes.”',
     [('“the state an explanation for his votes.”', "Ann Reyes", "Reyes", "partial")]),
    ("her campaign: not its owner, who is a person", 'Hillary Clinton spoke in Ohio on Monday.\n\n"We will win Ohio in '
     'November," her campaign said.',
     [('"We will win Ohio in November,"', None, "her campaign", "direct")]),
    ("he is never a woman the name list knows", 'Marjorie Taylor Greene posted on X.\n\nThe president denied it: '
     '"It is supposed to be me as a doctor," he told a reporter.',
     [('"It is supposed to be me as a doctor,"', None, "he", "direct")]),
    ("singular they after 'the official' continuing an unnamed one", 'The US Army has struggled to buy drones '
     'quickly, a defense official told CNN.\n“We are moving as quickly as we can,” the official said.\n“Now everybody '
     'is going to see what we have been screaming into the void for,” they added.',
     [('“We are moving as quickly as we can,”', None, "the official", "direct"),
      ('“Now everybody is going to see what we have been screaming into the void for,”', None, "they", "direct")]),
    ("singular they for an unnamed source", 'Iranians fled the capital on Wednesday.\n\nIn Bushehr, one resident '
     'told CNN that the blast was felt in small villages. “The people I know have left,” they said.',
     [('“The people I know have left,”', None, "they", "direct")]),
    ("a description continuing an unnamed one", 'Chairman Trey Gowdy touted the panel\'s work.\n\nA Republican '
     'committee aide blasted the statement.\n\n"Their announcement is proof they are playing politics," the aide said.',
     [('"Their announcement is proof they are playing politics,"', None, "the aide", "direct")]),
    ("an unnamed one before a role the article gave", 'U.S. Attorney Jeanine Pirro praised her office.\n\n'
     '“They have lost the jury pool,” one white-collar attorney said.\n\n“It is the shadow of the department,” '
     'the attorney added.',
     [('“They have lost the jury pool,”', None, "one white-collar attorney", "direct"),
      ('“It is the shadow of the department,”', None, "the attorney", "direct")]),
    ("a writer's clause the parser hung under a quote", 'The senator spoke first.\n\nMr. Reyes hardly settled '
     "the question, treating the senator's remark first as praise -- ''That makes me smart'' -- and, when "
     "questioned after the hearing, asserting, ''Of course, I pay my taxes.''",
     [("''That makes me smart''", "Reyes", "Reyes", "partial"),
      ("''Of course, I pay my taxes.''", "Reyes", "Reyes", "direct")]),
    ("a relative clause's own cue, not the quote before's", 'Strategist John Weaver spoke on Monday.\n\n"It is '
     'not normal language for a campaign," said Weaver, who said executives often fail to understand that there '
     'are "no secrets in politics."',
     [('"It is not normal language for a campaign,"', "John Weaver", "Weaver", "direct"),
      ('"no secrets in politics."', "John Weaver", "who", "partial")]),
    ("a participle closing a reported clause is the reporter's", 'Senator Ben Cardin spoke on Monday.\n\n'
     'Cardin said Wednesday that Republicans rejected his attempts to include tougher language, calling it an '
     '"area of contention."',
     [('"area of contention."', "Ben Cardin", "Cardin", "partial")]),
    ("a participle after a quote is its clause's subject's", 'The Trayvon Martin Foundation issued no statement.\n\n'
     'The Trayvon Martin Foundation did not want to address "that person," telling Fox 35 that the group is '
     'focused on its work.',
     [('"that person,"', "Trayvon Martin Foundation", "Trayvon Martin Foundation", "partial")]),
    ("a participle after a comma is the clause's, not its object's", 'Ben Carson spoke in Iowa.\n\nContinuing '
     'to explain his view, Carson rejected the notion that the scandal should be water under the bridge, saying '
     'that if he "found something that was rotten and that I did not like, I would fix it."',
     [('"found something that was rotten and that I did not like, I would fix it."', "Ben Carson", "Carson",
       "partial")]),
    ("a surname the tagger took for an adverb", 'But Bill Skelly, a longtime party data operative, vouched for '
     'both men.\n\n"Having access to the file and two people who understand it is valuable," said Skelly, '
     'explaining he worked closely with one of them.',
     [('"Having access to the file and two people who understand it is valuable,"', "Bill Skelly", "Skelly",
       "direct")]),
    ("a surname the tagger took for a modal", 'Columnist George Will spoke on Sunday.\n\n"This might, and should, '
     'hasten the eclipse of both outsiders," Will wrote.',
     [('"This might, and should, hasten the eclipse of both outsiders,"', "George Will", "Will", "direct")]),
    ("as X put it", "Ann Reyes teaches law at Yale.\n\nAs Ann Reyes, professor of law at Yale and author of "
     "''The Quiet Court,'' put it, ''Senators should remember that a compromise pick today may be far better for them.''",
     [("''Senators should remember that a compromise pick today may be far better for them.''", "Ann Reyes",
       "Ann Reyes", "direct")]),
    ("a lead paragraph reporting speech in an aside", 'Party official Bruce Ash wrote to members on Friday.\n\n'
     'If anything, Ash argued in his email, the incident is an illustration of why the party should adopt new '
     'rules.\n\n“In light of this breach, is it prudent to give the chairman such power?”',
     [('“In light of this breach, is it prudent to give the chairman such power?”', "Bruce Ash", "Ash", "direct")]),
    ("an age as the speaker", 'Actor Tom Reyes posted the clip to YouTube on Thursday.\n\n“What if Donald '
     'Trump had elocution lessons?” the 43-year-old asked in the video’s description.',
     [('“What if Donald Trump had elocution lessons?”', "Tom Reyes", "the 43-year-old", "direct")]),
    ("a statement that ... accused: its releaser's", "Senator Ann Reyes lost the vote in Nevada.\n\nBut Ms. Reyes "
     "showed no sign of backing down, releasing a statement that, while condemning violence, accused the party "
     "leadership in Nevada of using ''its power to prevent a fair and transparent process from taking place.''",
     [("''its power to prevent a fair and transparent process from taking place.''", "Ann Reyes", "Reyes",
       "partial")]),
    ("said X: before", 'Ryan Ellis, a tax adviser, backs the plan. Others do not.\n\nSaid Ellis: “I do not get the '
     'sense she is interested in tax reform.”',
     [('“I do not get the sense she is interested in tax reform.”', "Ryan Ellis", "Ellis", "direct")]),
    ("what a report found", 'Lawmakers worry about the visa program.\n\nA Government Accountability Office report '
     'released last year found that the agency could not be sure that money used for the visas was not coming from '
     '"the drug trade, human trafficking or other criminal activities."',
     [('"the drug trade, human trafficking or other criminal activities."', "Government Accountability Office",
       "A Government Accountability Office report", "partial")]),
    ("an organisation's pronoun under its named subject takes the name", 'North Korea tested a bomb on Friday.\n\n'
     'The United Nations Security Council on Friday made a strong condemnation of the test and pledged to impose '
     'further sanctions as a deterrence to what it called "a clear threat to international peace and security."',
     [('"a clear threat to international peace and security."', "United Nations Security Council",
       "United Nations Security Council", "partial")]),
    ("they for a person's campaign: not the person", 'Hillary Clinton spoke in Florida on Friday.\n\nIt is the '
     'latest in a series of policy speeches. Clinton’s campaign is seeking to contrast her approach with what they '
     'call Donald Trump’s “self-centered message.”',
     [('“self-centered message.”', None, "Clinton’s campaign", "partial")]),
    ("a thing calling, under a clause whose subject can speak", 'Donald Trump avoids condemning the invasion.\n\n'
     'At the convention in Cleveland his operatives forced a change in the party platform, stripping out a call for '
     '“providing lethal defensive weapons” to Ukraine and replacing it with softer language calling for '
     '“appropriate assistance.”',
     [('“providing lethal defensive weapons”', None, "softer language", "partial"),
      ('“appropriate assistance.”', None, "his operatives", "partial")]),
    ("prompted X to call: X calls", 'The debate turned rough.\n\nAt one point, Cruz coached Trump to "breathe, '
     'breathe, breathe." That prompted Senator Marco Rubio to make a joke about yoga and call Trump "very '
     'flexible," a nod to his changing positions.',
     [('"breathe, breathe, breathe."', "Cruz", "Cruz", "partial"),
      ('"very flexible,"', "Marco Rubio", "Marco Rubio", "partial")]),
    ("X was asked by Y: the asker speaks", 'The candidates met in Milwaukee.\n\nSenator Marco Rubio was asked by '
     'moderator Gerard Baker whether his plan would risk “adding another expensive entitlement program to an '
     'already overburdened budget.”',
     [('“adding another expensive entitlement program to an already overburdened budget.”', "Gerard Baker",
       "Gerard Baker", "partial")]),
    ("a fronted 'of' phrase is not the subject", 'Eric Levine, a New York attorney, spoke to donors.\n\nOf Carson, '
     'Levine, who has given money to Marco Rubio, said, “He is flat-out scary. I think he is a wonderful man.”',
     [('“He is flat-out scary. I think he is a wonderful man.”', "Eric Levine", "Levine", "direct")]),
    ("a fronted date is not the subject", 'Elizabeth Warren: Donald Trump Is a Failure in Business.\n\nSaturday at the '
     'Massachusetts Democratic state’s party convention Sen. Elizabeth Warren (D-MA) said presumptive Republican '
     'presidential nominee Donald Trump was a “proven failure” in business.',
     [('“proven failure”', "Elizabeth Warren", "Elizabeth Warren", "partial")]),
    ("X shot back", 'Sandra Paradis and Jim Bennett waited in line.\n\n“Look at all these supporters here,” Paradis '
     'said with a smirk, looking over at Bennett.\n\n“They’re all here because he’s promising to give them all this '
     'free stuff,” Bennett shot back with a laugh.',
     [('“Look at all these supporters here,”', "Sandra Paradis", "Paradis", "direct"),
      ('“They’re all here because he’s promising to give them all this free stuff,”', "Jim Bennett", "Bennett",
       "direct")]),
    ("a pronoun heading a subordinate clause of its own stays", 'House Speaker Paul Ryan spoke on Sunday.\n\n"I am '
     'just not ready to do that at this point," Ryan said last week on CNN, though he said, "I hope to."',
     [('"I am just not ready to do that at this point,"', "Paul Ryan", "Ryan", "direct"),
      ('"I hope to."', "Paul Ryan", "he", "direct")]),
    ("a share of those polled: the poll", 'Voters distrust politicians.\n\nIn a September Washington Post-ABC News '
     'poll, 75 percent of Republicans said "most people in politics" cannot be trusted.',
     [('"most people in politics"', "Washington Post-ABC News", "a September Washington Post-ABC News poll",
       "partial")]),
    ("the speech verb leading into the quote, not the clause above", 'Hillary Clinton released a new ad on Monday.'
     '\n\n“You work hard. You pay your taxes. So why didn’t Donald Trump pay his?” a narrator in the Clinton ad asks. '
     'The spot concludes with footage of Trump saying during the debate last week, “That makes me smart,” when '
     'Clinton blasted him for not paying income tax.',
     [('“You work hard. You pay your taxes. So why didn’t Donald Trump pay his?”', None, "a narrator", "direct"),
      ('“That makes me smart,”', "Donald Trump", "Trump", "direct")]),
    ("a name the parser made an appositive of a thing", 'President Obama spoke at a dinner on Saturday.\n\nWith 50 '
     'days until the election, Minyon Moore, a senior adviser to the Clinton campaign, called Mr. Obama\'s remarks on '
     'Saturday "a true wake-up call" to his coalition of supporters.',
     [('"a true wake-up call"', "Minyon Moore", "Minyon Moore", "partial")]),
    ("a person acting in the sentence before speaks next", 'Mike Pence spoke on Sunday. "We will win," Pence said '
     'on CNN.\n\nOn "Face the Nation," Sen. Bernie Sanders (Vt.), who lost the primaries to Clinton, identified young '
     'voters\' exhaustion with bigotry as one of the reasons that they should get excited about Clinton\'s candidacy. '
     '"The younger people are sick and tired of discrimination and racism."',
     [('"We will win,"', "Mike Pence", "Pence", "direct"),
      ('"The younger people are sick and tired of discrimination and racism."', "Bernie Sanders", "Bernie Sanders",
       "direct")]),
    ("per X after a comma", 'The committee meets on Friday.\n\nThough members may appoint proxies, it is prohibited '
     'when voting “to fill a vacancy on the national ticket,” per the party’s bylaws. Tickets cost $5 per person.',
     [('“to fill a vacancy on the national ticket,”', None, "the party’s bylaws", "partial")]),
    ("an unnamed speaker's relative pronoun", 'Gary Johnson held a rally in Maine.\n\nThe crowd included an Abraham '
     'Lincoln impersonator, who promises to "make America great again."',
     [('"make America great again."', None, "who", "partial")]),
    ("a speech act only expected is the reporter's", 'Clinton campaign manager Robby Mook spoke on Monday.\n\nMook '
     'told CBS This Morning on Monday that the Clinton campaign expects Holt to insert himself into the debate by '
     'calling out Trump for his supposed “lies” throughout the event.',
     [('“lies”', "Robby Mook", "Mook", "partial")]),
    ("a quoted adverb is the reporter's word", 'The ad features images of uniformed officers greeting Donald Trump.'
     '\n\nCity Attorney Brad Holm said in the letter that the advertisement “unmistakably and wrongfully” suggests '
     'that Phoenix and its officers support Trump.',
     [('“unmistakably and wrongfully”', "Brad Holm", "Brad Holm", "partial")]),
    ("a passive's agent before a colon", "The report's authors studied corporate tax filings.\n\nThe challenge of "
     "transparency is exemplified by this finding: ''27 companies reported 16,389 total subsidiaries to the Federal "
     "Reserve, while only reporting 2,279 to the S.E.C.''",
     [("''27 companies reported 16,389 total subsidiaries to the Federal Reserve, while only reporting 2,279 to the "
       "S.E.C.''", None, "this finding", "direct")]),
    ("a clause as subject is nobody", "Donald Trump spoke in South Carolina.\n\nHe added that praising the former "
     "president for what happened after the Sept. 11 attacks was like saying the opposing team ''scored 19 runs in "
     "the first inning, but after that, we played pretty well.''",
     [("''scored 19 runs in the first inning, but after that, we played pretty well.''", "Donald Trump", "He",
       "partial")]),
    ("'some' names nobody", 'Hua Chunying spoke in Beijing on Monday.\n\nMany said they would watch the race. Some '
     'said, "That way I can watch the comedy that is the United States."',
     [('"That way I can watch the comedy that is the United States."', None, "Some", "direct")]),
    ("X was asked: the question is not X's", 'President George Bush opened the press conference with a joke about '
     'a "pain in the neck."\n\nHe was later asked, “Was it really worth it to send people to their deaths to get '
     'Noriega?”',
     [('"pain in the neck."', "George Bush", "George Bush", "partial"),
      ('“Was it really worth it to send people to their deaths to get Noriega?”', None, None, "direct")]),
    ("a closing mark glued to the speaker's name", 'Hillary Clinton spoke on MSNBC.\n\n“It is most surprising to '
     'see somebody traffic in a lot of the prejudice and paranoia,”Clinton said. “Some of his comments are divisive.”',
     [('“It is most surprising to see somebody traffic in a lot of the prejudice and paranoia,”', "Hillary Clinton",
       "Clinton", "direct"),
      ('“Some of his comments are divisive.”', "Hillary Clinton", "Clinton", "direct")]),
    ("'it' after a document is the document, not an organisation before it", 'The American Foreign Service '
     'Association objected to the changes on Tuesday.\n\nThe fact sheet released Wednesday noted that the program '
     'now features readings on American history.\n\n“Lecture content concerning bureaucratic tedium has been reduced '
     'to a minimum,” it said.',
     [('“Lecture content concerning bureaucratic tedium has been reduced to a minimum,”', None, "it", "direct")]),
    ("a person named in an excerpt of a text is the article's", 'The Courier sent its reporter Ann Dale to a farm '
     'in Iowa. Dale reports:\n\n"The first time she saw him, at a rally in May, Maria Ortiz was still unsure. She had '
     'written a letter to the mayor, in what she called a “last try,” and no one had answered. Her brother was there '
     'too.\n\n"Maria thought the whole thing was unfair. She was angry, sure.\n\n“It changed my life,” she said, '
     'looking at the stage.',
     [('"The first time she saw him, at a rally in May, Maria Ortiz was still unsure. She had written a letter to the '
       'mayor, in what she called a “last try,” and no one had answered. Her brother was there too.', "Ann Dale", "Dale",
       "direct"),
      ('"Maria thought the whole thing was unfair. She was angry, sure.', "Ann Dale", "Dale", "direct"),
      ('“It changed my life,”', "Maria Ortiz", "she", "direct")]),
    ("a roundup's label names the person, not the outlet", 'Pundits weighed in on the debate.\n\nJohn Smith, The '
     'Daily Courier: "It was a rout from start to finish."\n\nMary Jones, Fox News: "Nobody won tonight, least of '
     'all the voters."',
     [('"It was a rout from start to finish."', "John Smith", "John Smith", "direct"),
      ('"Nobody won tonight, least of all the voters."', "Mary Jones", "Mary Jones", "direct")]),
    ("damaged mark recovered locally", 'Talks with NATO"failed badly." The rest is fine. "We will continue," Peskov said.',
     [('"We will continue,"', "Peskov", "Peskov", "direct")]),
]


@pytest.mark.parametrize("pattern, text, expected", CASES, ids=[c[0] for c in CASES])
def test_quotes_and_speakers(annotate, pattern, text, expected):
    quotes = annotate(text).quotes
    got = [(q.text, q.speaker, q.speaker_mention.text if q.speaker_mention else None, q.kind) for q in quotes]
    assert got == expected
    for q in quotes:
        assert text[q.start:q.end] == q.text
        if q.speaker_mention is not None:
            assert text[q.speaker_mention.start:q.speaker_mention.end] == q.speaker_mention.text


def test_a_transcript_label_is_not_the_one_it_addresses(annotate):
    # the parser makes "Secretary Clinton" an appositive of the label "RAMOS" across its colon
    text = ('Hillary Clinton spoke at the debate on Wednesday.\n\nPartial transcript as follows:\n\n'
            '"RAMOS: Secretary Clinton, did you lie to them?\n\n"CLINTON: I feel a great deal of sympathy.\n\nIt ended.')
    first = annotate(text).quotes[0]
    assert first.speaker_mention.text == "RAMOS"
    assert first.speaker != "Hillary Clinton"


def test_unnamed_speaker_keeps_its_description(annotate):
    """A card for an unnamed speaker reached through "who" shows the phrase that describes them."""
    q = annotate('Gary Johnson held a rally in Maine.\n\nThe crowd included an Abraham Lincoln impersonator, who '
                 'promises to "make America great again."').quotes[0]
    assert (q.speaker, q.speaker_mention.text, q.description) == (None, "who", "an Abraham Lincoln impersonator")


def test_role_from_title_before_name(annotate):
    (quote,) = annotate('Kremlin spokesperson Dmitry Peskov spoke.\n"We disagree," Peskov said.').quotes
    assert quote.role == "Kremlin spokesperson"
    assert quote.cue == "said"


@pytest.mark.parametrize("text, role", [
    ('Auditor General Sir John Bourn said: "Higher levels of literacy will benefit England."', "Auditor General"),
    ('"This meeting is not anti-party," MAB spokesman Dr Azzam Tamimi said of the event.', "MAB spokesman"),
    # ... and keeps a hyphenated word whole
    ('"Warm water circulation is attacking the ice shelves," said study co-author Karen Alley.', "co-author"),
])
def test_role_words_before_a_name(annotate, text, role):
    (quote,) = annotate(text).quotes
    assert quote.role == role


def test_role_follows_a_pronoun(annotate):
    quotes = annotate('U.S. Deputy Secretary of State Wendy Sherman met the envoys.\n'
                      '"We will not slam the door shut," she told reporters.').quotes
    assert [(q.speaker, q.speaker_mention.text, q.role) for q in quotes] == [
        ("Wendy Sherman", "she", "U.S. Deputy Secretary of State")]


def test_never_raises_on_odd_text(annotate):
    for text in ['"', '""', '" "', "''", '"a"b"c"d', '\n\n"\n"', "“”“”", 'He said "' + "x " * 200]:
        for q in annotate(text).quotes:
            assert 0 <= q.start < q.end <= len(text)


# --- the seed article ---------------------------------------------------------------------------

def _seed():
    lines = (DATA / "seed_article.txt").read_text(encoding="utf-8").split("\n")
    body = "\n".join(lines[3:]).rstrip("\n")
    gold = json.loads((DATA / "seed_quotes.json").read_text(encoding="utf-8"))["quotes"]
    return body, gold


def test_seed_article_gold_quotes(annotate):
    body, gold = _seed()
    quotes = annotate(body).quotes
    for g in gold:
        match = [q for q in quotes if q.start == g["start"] and q.end == g["end"]]
        assert match, f"missed {g['text']}"
        q = match[0]
        assert q.speaker == g["speaker_name"], g["text"]
        assert q.speaker_mention is not None
        assert q.speaker_mention.start < g["speaker_end"] and g["speaker_start"] < q.speaker_mention.end, g["text"]
        assert q.kind == ("partial" if g["kind"] == "mixed" else "direct"), g["text"]


def test_seed_article_no_scare_quotes(annotate):
    body, _ = _seed()
    found = [q.text.strip("\"“”,. ") for q in annotate(body).quotes]
    for word in ("deescalate", "security guarantees", "measures", "devastate"):
        assert word not in found
    # the damaged NATO"unsuccessful." mark yields nothing; Peskov's "unsuccessful," is kept
    assert found.count("unsuccessful") == 1
    assert '"unsuccessful,"' in [q.text for q in annotate(body).quotes]


def test_seed_article_exact(annotate):
    body, gold = _seed()
    assert len(annotate(body).quotes) == len(gold)
