import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.omegat.core.segmentation.SRX;
import org.omegat.core.segmentation.Segmenter;
import org.omegat.util.Language;

/**
 * OmegaT 3.6's own segmenter on plain-text files, for tests/tmx_consumers.py: run with OmegaT.jar on
 * the class path as {@code java OmegatSegments.java RULES LANG=FILE ...}, where RULES is a
 * segmentation.conf. For each FILE it prints a line "# FILE", then one line "START END" per segment:
 * code-point offsets into the file. The file is read as OmegaT's plain-text filter reads it, by
 * paragraphs that end at an empty line.
 */
public class OmegatSegments {
    public static void main(String[] args) throws Exception {
        Segmenter segmenter = new Segmenter();
        segmenter.setSRX(SRX.loadSRX(new File(args[0])));
        StringBuilder out = new StringBuilder();
        for (int a = 1; a < args.length; a++) {
            String[] langAndPath = args[a].split("=", 2);
            Language lang = new Language(langAndPath[0]);
            String text = new String(Files.readAllBytes(Paths.get(langAndPath[1])), StandardCharsets.UTF_8);
            out.append("# ").append(langAndPath[1]).append('\n');
            int start = 0;
            while (start < text.length()) {
                int end = text.indexOf("\n\n", start);
                end = end < 0 ? text.length() : end + 1;
                List<StringBuilder> spaces = new ArrayList<>();
                List<String> segments = segmenter.segment(lang, text.substring(start, end), spaces, null);
                int position = start;
                for (int k = 0; k < segments.size(); k++) {
                    position += spaces.get(2 * k).length();
                    int segmentStart = position;
                    position += segments.get(k).length();
                    if (position > segmentStart) {
                        out.append(text.codePointCount(0, segmentStart)).append(' ')
                           .append(text.codePointCount(0, position)).append('\n');
                    }
                    position += spaces.get(2 * k + 1).length();
                }
                start = end;
                while (start < text.length() && text.charAt(start) == '\n') {
                    start++;
                }
            }
        }
        System.out.print(out);
    }
}
