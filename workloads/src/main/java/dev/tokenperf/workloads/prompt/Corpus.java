package dev.tokenperf.workloads.prompt;

import java.util.Random;

/**
 * Natural-looking English prose written by a small generator from the project's own word lists (no copied
 * text), so tokenizers see ordinary words, punctuation and sentence structure as on real input. The same
 * seed always yields the same text.
 */
public final class Corpus {
    private static final String[] SUBJECTS = {"The old ferryman", "A young engineer", "The village council",
            "Our neighbour", "The night nurse", "A travelling musician", "The head gardener", "My grandmother",
            "The new teacher", "A quiet student", "The harbour master", "The baker on the corner",
            "A group of hikers", "The museum guide", "The lighthouse keeper", "Every visitor", "The weather station",
            "A small committee", "The orchestra", "The night train", "The city library", "A patient carpenter"};
    private static final String[] VERBS = {"repaired", "described", "painted", "measured", "remembered",
            "carried", "explained", "discovered", "ignored", "planned", "noticed", "collected", "followed",
            "celebrated", "questioned", "translated", "arranged", "recorded", "visited", "cleaned", "opened",
            "shared"};
    private static final String[] OBJECTS = {"the broken bridge", "a map of the valley", "the winter garden",
            "an unfinished letter", "the morning market", "the narrow staircase", "a box of old photographs",
            "the river crossing", "the school timetable", "a recipe for bread", "the empty warehouse",
            "the northern road", "a wooden boat", "the evening concert", "the price of coal", "the copper kettle",
            "a list of questions", "the stone wall", "the festival programme", "the apple orchard",
            "the station clock", "a pair of boots"};
    private static final String[] TIMES = {"before dawn", "after the storm", "during the long summer",
            "on a grey Tuesday", "late in the evening", "at the end of the season", "in the early spring",
            "the following week", "just before the holidays", "while the town was asleep", "around midday",
            "after many years"};
    private static final String[] REASONS = {"because nobody else had the time", "so that the children could learn",
            "although the rain never stopped", "since the old method no longer worked",
            "even though the budget was small", "because the guests were expected soon",
            "so the work would be finished by autumn", "while the others waited outside",
            "as the instructions had asked", "without telling anyone"};
    private static final String[] REMARKS = {"Nobody was surprised.", "It took longer than expected.",
            "Several people stopped to watch.", "The result was better than anyone hoped.",
            "Later it became a local story.", "There were still a few problems to solve.",
            "Most of the town agreed it was worth the effort.", "The notes were kept in a drawer for years.",
            "A few details were never explained.", "Everyone went home tired but pleased."};
    private static final String[] QUESTIONS = {"Why did it matter so much?", "Who had started the idea?",
            "What would happen next?", "How long could it last?", "Was there a better way?"};

    private Corpus() {
    }

    /**
     * @param seed        selects the text
     * @param minChars    generate at least this many characters
     */
    public static String generate(long seed, int minChars) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(minChars + 256);
        int sentencesInParagraph = 0;
        while (text.length() < minChars) {
            if (!text.isEmpty()) {
                boolean newParagraph = sentencesInParagraph >= 4 + random.nextInt(3);
                text.append(newParagraph ? "\n\n" : " ");
                sentencesInParagraph = newParagraph ? 0 : sentencesInParagraph;
            }
            text.append(sentence(random));
            sentencesInParagraph++;
        }
        return text.toString();
    }

    private static String sentence(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> pick(random, REMARKS);
            case 1 -> pick(random, QUESTIONS);
            case 2 -> capitalise(pick(random, TIMES)) + ", " + lower(pick(random, SUBJECTS)) + " "
                    + pick(random, VERBS) + " " + pick(random, OBJECTS) + ".";
            case 3 -> pick(random, SUBJECTS) + " " + pick(random, VERBS) + " " + pick(random, OBJECTS) + " "
                    + pick(random, REASONS) + ".";
            case 4 -> pick(random, SUBJECTS) + " " + pick(random, VERBS) + " " + pick(random, OBJECTS) + " and "
                    + pick(random, VERBS) + " " + pick(random, OBJECTS) + " " + pick(random, TIMES) + ".";
            default -> pick(random, SUBJECTS) + " " + pick(random, VERBS) + " " + pick(random, OBJECTS) + " "
                    + pick(random, TIMES) + ", " + (1 + random.nextInt(60)) + " minutes from the square.";
        };
    }

    private static String pick(Random random, String[] words) {
        return words[random.nextInt(words.length)];
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String lower(String s) {
        return s.startsWith("My ") || s.startsWith("Our ") ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
