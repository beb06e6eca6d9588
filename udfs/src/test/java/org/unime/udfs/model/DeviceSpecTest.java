package org.unime.udfs.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class DeviceSpecTest {

  @Test
  void parsesCpuGpuAndGpuWithOrdinal() {
    assertThat(DeviceSpec.parse("cpu")).isEqualTo(DeviceSpec.CPU);
    assertThat(DeviceSpec.parse(" GPU ")).isEqualTo(new DeviceSpec(DeviceSpec.Kind.GPU, 0));
    assertThat(DeviceSpec.parse("gpu:3")).isEqualTo(new DeviceSpec(DeviceSpec.Kind.GPU, 3));
    assertThat(DeviceSpec.parse("gpu:3").toString()).isEqualTo("gpu:3");
    assertThat(DeviceSpec.CPU.toDevice()).isEqualTo(Device.cpu());
    assertThat(DeviceSpec.parse("gpu:1").toDevice()).isEqualTo(Device.gpu(1));
  }

  @Test
  void takesTheGpuSparkAssignedToTheTask() {
    assertThat(DeviceSpec.fromGpuAddress("2")).isEqualTo(new DeviceSpec(DeviceSpec.Kind.GPU, 2));
    assertThatThrownBy(() -> DeviceSpec.fromGpuAddress(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot pick a GPU: the task has no GPU address");
  }

  @Test
  void rejectsAnythingElseNamingTheAllowedForms() {
    assertThatThrownBy(() -> DeviceSpec.parse("tpu"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot parse a device: expected cpu, gpu or gpu:N (got \"tpu\")");
    assertThatThrownBy(() -> DeviceSpec.parse("gpu:-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot parse a GPU ordinal: expected a non-negative integer (got \"gpu:-1\")");
  }
}
