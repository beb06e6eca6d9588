package org.unime.pipeline.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SugarCrepeReaderTest {
  @Test
  void readsItemsInFileOrderWithTheSubsetFromTheFileName() throws Exception {
    List<CompositionalItem> items = SugarCrepeReader.read(EvalFixtures.resource("sugarcrepe/replace_obj.json"));

    assertThat(items).hasSize(3);
    assertThat(items.get(0)).isEqualTo(new CompositionalItem("0", "000000397133.jpg",
        "A man is in a kitchen making pizzas.", "A man is in a kitchen making cakes.", "replace_obj"));
    assertThat(items).extracting(CompositionalItem::id).containsExactly("0", "1", "2");
  }

  @Test
  void badItemsNameTheirKey() {
    assertThatThrownBy(() -> SugarCrepeReader.read(EvalFixtures.resource("sugarcrepe/missing-negative.json")))
        .isInstanceOf(EvalFormatException.class)
        .hasMessage("Cannot read SugarCrepe item at key \"7\" (line 3 of missing-negative.json): field"
            + " negative_caption is missing (got keys [filename, caption])");
    assertThatThrownBy(() -> SugarCrepeReader.read(EvalFixtures.resource("sugarcrepe/duplicate-key.json")))
        .hasMessage("Cannot read SugarCrepe item at key \"0\" (line 3 of duplicate-key.json): the key appears twice"
            + " (got \"0\")");
  }
}
