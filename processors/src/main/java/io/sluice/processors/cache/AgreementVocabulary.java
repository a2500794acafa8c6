package io.sluice.processors.cache;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The word lists of the agreement check ({@link PromptFacts}). */
final class AgreementVocabulary {

    static final Set<String> NEGATIONS = Set.of("not", "no", "never", "without", "cannot", "none", "nothing",
            "nobody", "neither", "nor", "nowhere", "except", "excluding", "dont", "doesnt", "isnt", "cant",
            "wont", "shouldnt", "wouldnt", "couldnt", "arent", "wasnt", "werent", "havent", "hasnt", "didnt");

    static final Map<String, String> NUMBER_WORDS = new HashMap<>();
    static final Map<String, String> UNITS = new HashMap<>();
    static final Map<String, String> POLES = new HashMap<>();
    private static final Map<String, String> OPPOSITES = new HashMap<>();

    /** Words that mean one quantity of the unit after them ("a mile", "per hour"). */
    static final Set<String> ONE = Set.of("a", "an", "one", "per", "each");
    /** Common words: capitalised at a sentence start or in a title they are no name. */
    static final Set<String> COMMON = new HashSet<>();

    static {
        String[] small = {"zero", null, "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
                "nineteen", "twenty"};
        for (int i = 0; i < small.length; i++) {
            if (small[i] != null) {
                NUMBER_WORDS.put(small[i], Integer.toString(i));
            }
        }
        String[] tens = {"thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
        for (int i = 0; i < tens.length; i++) {
            NUMBER_WORDS.put(tens[i], Integer.toString(30 + 10 * i));
        }
        NUMBER_WORDS.put("hundred", "100");
        NUMBER_WORDS.put("thousand", "1000");
        NUMBER_WORDS.put("million", "1000000");
        NUMBER_WORDS.put("billion", "1000000000");
        NUMBER_WORDS.put("dozen", "12");
        NUMBER_WORDS.put("half", "0.5");
        NUMBER_WORDS.put("twice", "2");

        units("km", "km", "kilometer", "kilometre", "kms");
        units("m", "meter", "metre");
        units("cm", "cm", "centimeter", "centimetre");
        units("mm", "mm", "millimeter", "millimetre");
        units("mi", "mi", "mile");
        units("ft", "ft", "foot", "feet");
        units("in", "inch");
        units("yd", "yd", "yard");
        units("kg", "kg", "kilogram", "kilo");
        units("g", "gram");
        units("lb", "lb", "lbs", "pound");
        units("oz", "oz", "ounce");
        units("l", "liter", "litre");
        units("ml", "ml", "milliliter", "millilitre");
        units("gal", "gallon");
        units("cup", "cup");
        units("celsius", "celsius", "°c", "centigrade");
        units("fahrenheit", "fahrenheit", "°f");
        units("kelvin", "kelvin");
        units("s", "second", "sec", "secs");
        units("min", "minute", "mins");
        units("h", "hour", "hr", "hrs");
        units("day", "day");
        units("week", "week");
        units("month", "month");
        units("year", "year", "yr", "yrs");
        units("usd", "dollar", "usd", "buck");
        units("eur", "euro", "eur");
        units("gbp", "gbp", "sterling");
        units("jpy", "yen", "jpy");
        units("percent", "percent", "per-cent", "percentage");
        units("kb", "kb", "kilobyte");
        units("mb", "mb", "megabyte");
        units("gb", "gb", "gigabyte");
        units("tb", "tb", "terabyte");
        units("mph", "mph");
        units("kmh", "km/h", "kph");
        units("w", "watt");
        units("kw", "kw", "kilowatt");
        units("kwh", "kwh");
        units("v", "volt");
        units("calorie", "calorie", "kcal");
        units("acre", "acre");
        units("hectare", "hectare");

        pair("max", "min",
                words("largest biggest greatest highest maximum max longest tallest heaviest most larger "
                        + "bigger greater higher longer taller heavier"),
                words("smallest least lowest minimum min shortest lightest fewest smaller shorter lighter fewer "
                        + "less"));
        pair("asc", "desc", words("ascending asc increasing"), words("descending desc decreasing"));
        pair("increase", "decrease", words("increase raise grow gain upgrade"),
                words("decrease reduce shrink lose downgrade lower"));
        pair("before", "after", words("before earlier prior previous"), words("after later next following"));
        pair("first", "last", words("first earliest oldest"), words("last latest newest final"));
        pair("best", "worst", words("best better"), words("worst worse"));
        pair("cheap", "expensive", words("cheapest cheap cheaper"), words("expensive priciest"));
        pair("fast", "slow", words("fastest fast faster quick quickest"), words("slowest slow slower"));
        pair("add", "remove", words("add insert append"), words("remove delete erase"));
        pair("enable", "disable", words("enable activate"), words("disable deactivate"));
        pair("encode", "decode", words("encrypt encryption encode encoding compress compression zip serialize "
                + "serialise serialization"), words("decrypt decryption decode decoding decompress "
                + "decompression unzip deserialize deserialise deserialization"));
        pair("import", "export", words("import importing"), words("export exporting"));
        pair("upload", "download", words("upload uploading"), words("download downloading"));
        pair("push", "pull", words("push"), words("pull"));
        pair("buy", "sell", words("buy buying purchase"), words("sell selling"));
        pair("install", "uninstall", words("install installing installation"), words("uninstall uninstalling"));
        pair("start", "stop", words("start begin launch"), words("stop halt kill"));
        pair("open", "close", words("open opening"), words("close closing"));
        pair("lock", "unlock", words("lock"), words("unlock"));
        pair("north", "south", words("north northern"), words("south southern"));
        pair("east", "west", words("east eastern"), words("west western"));
        pair("left", "right", words("left"), words("right"));
        pair("hot", "cold", words("hot hottest warm warmest heat"), words("cold coldest cool coolest freeze"));
        pair("pro", "con", words("advantages advantage pros benefits benefit upside upsides"),
                words("disadvantages disadvantage cons drawbacks drawback downside downsides risks"));
        pair("true", "false", words("true"), words("false"));
        pair("read", "write", words("input read reading receive"), words("output write writing send"));
        pair("plus", "minus", words("plus sum addition"), words("minus subtract subtraction difference"));
        pair("times", "divide", words("multiply multiplication product times"),
                words("divide division quotient divided"));
        pair("male", "female", words("male men man boy boys"), words("female women woman girl girls"));
        pair("win", "loss", words("win winning won"), words("loss losing lost"));
        pair("above", "below", words("above over"), words("below under"));
        pair("inside", "outside", words("inside internal indoor indoors"),
                words("outside external outdoor outdoors"));
        pair("sync", "async", words("synchronous sync synchronously blocking"),
                words("asynchronous async asynchronously non-blocking"));
        pair("upper", "lower-case", words("uppercase upper-case"), words("lowercase lower-case"));
        pair("morning", "evening", words("morning sunrise am"), words("evening night sunset pm"));

        COMMON.addAll(List.of("what", "what's", "whats", "how", "how's", "why", "who", "who's", "whom", "whose",
                "when", "where", "which", "can", "could", "should", "would", "will", "shall", "may", "might",
                "must", "is", "are", "was", "were", "do", "does", "did", "has", "have", "had", "tell", "explain",
                "give", "write", "list", "please", "i", "i'm", "im", "i'd", "i've", "the", "a", "an", "in", "on",
                "for", "describe", "summarize", "summarise", "translate", "convert", "calculate", "compute",
                "compare", "define", "show", "find", "create", "make", "generate", "help", "my", "our", "your",
                "it", "it's", "this", "that", "these", "those", "there", "if", "hey", "hi", "hello", "name",
                "provide", "suggest", "recommend", "need", "any", "is", "say", "quick", "question", "so", "ok",
                "okay", "and", "but", "or", "also", "then", "now", "again", "yes", "no", "not", "why's",
                "where's", "when's", "let's", "lets", "draft", "compose", "outline", "sum", "simplify", "solve",
                "rewrite", "fix", "debug", "implement", "recommendations", "ideas", "tips", "steps", "best",
                "good", "some", "all", "every", "each", "from", "to", "with", "without", "at", "by", "about",
                "of", "as", "into", "over", "under", "between", "after", "before", "during", "since", "until",
                "while", "because", "although", "though", "whether", "instead", "rather", "just", "only",
                "really", "very", "much", "many", "more", "most", "less", "least", "few", "several", "other",
                "another", "same", "different", "new", "old", "top", "main", "key", "common", "typical",
                "average", "total", "exact", "approximately", "roughly", "about", "around", "like", "such",
                "we", "you", "they", "he", "she", "me", "us", "them", "him", "her", "its", "their", "his",
                "difference", "differences", "meaning", "definition", "pros", "cons", "advantages",
                "disadvantages", "benefits", "ways", "way", "reasons", "reason", "examples", "example",
                "recipe", "synonyms", "synonym", "opposite", "antonym", "formula", "symptoms", "causes",
                "capital", "population", "distance", "time", "price", "cost", "weather", "temperature",
                "boiling", "freezing", "convert", "conversion", "translation", "history", "story", "summary",
                "overview", "guide", "tutorial", "introduction", "intro", "review", "check", "verify", "is",
                "was", "am", "be", "been", "being", "get", "got", "go", "going", "know", "want", "wanna",
                "gimme", "pls", "plz", "kindly", "could've", "would've", "should've", "anything", "something",
                "everything", "nothing", "someone", "anyone", "everyone", "nobody", "here", "there's", "yo",
                "dear", "thanks", "thank", "sorry", "assume", "suppose", "imagine", "consider", "given",
                "using", "use", "via", "regarding", "re", "fyi", "note", "hint", "task", "q", "a", "answer",
                "number", "numbers", "word", "words", "letter", "letters", "first", "last", "next",
                "previous", "one", "two", "three", "largest", "biggest", "smallest", "highest", "lowest",
                "longest", "shortest", "tallest", "oldest", "newest", "fastest", "slowest", "cheapest"));
        // vocabulary the check reads otherwise is no name either, capitalised at a sentence start
        COMMON.addAll(POLES.keySet());
        COMMON.addAll(UNITS.keySet());
        COMMON.addAll(NUMBER_WORDS.keySet());
        COMMON.addAll(NEGATIONS);
    }

    private static void units(String canonical, String... words) {
        for (String w : words) {
            UNITS.put(w, canonical);
        }
    }

    private static void pair(String pole, String opposite, List<String> poleWords, List<String> oppositeWords) {
        poleWords.forEach(w -> POLES.putIfAbsent(w, pole));
        oppositeWords.forEach(w -> POLES.putIfAbsent(w, opposite));
        OPPOSITES.put(pole, opposite);
        OPPOSITES.put(opposite, pole);
    }

    private static List<String> words(String spaced) {
        return List.of(spaced.split(" "));
    }

    static String opposite(String pole) {
        return OPPOSITES.get(pole);
    }

    private AgreementVocabulary() {
    }
}
