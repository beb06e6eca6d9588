package org.unime.pipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.unime.pipeline.model.Reject;
import org.unime.pipeline.model.RejectReason;

class RejectExceptionTest {
  @Test
  void becomesARejectForTheRow() {
    RejectException e = new RejectException(RejectReason.CORRUPT_IMAGE, "Cannot decode image /x.png: bad CRC");
    assertThat(e.toReject("emoji", "emoji:google:1f600:image"))
        .isEqualTo(new Reject("emoji", "emoji:google:1f600:image", RejectReason.CORRUPT_IMAGE,
            "Cannot decode image /x.png: bad CRC"));
    assertThat(e.getMessage()).isEqualTo("corrupt-image: Cannot decode image /x.png: bad CRC");
  }

  @Test
  void survivesJavaSerialization() throws IOException, ClassNotFoundException {
    RejectException original =
        new RejectException(RejectReason.MISSING_IMAGE, "gone", new IOException("no such file"));
    RejectException copy = ImageMaterializerTest.roundTrip(original);
    assertThat(copy.reason()).isEqualTo(RejectReason.MISSING_IMAGE);
    assertThat(copy.detail()).isEqualTo("gone");
    assertThat(copy.getCause()).hasMessage("no such file");
  }
}
