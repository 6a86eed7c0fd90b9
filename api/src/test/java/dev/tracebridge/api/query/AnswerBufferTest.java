package dev.tracebridge.api.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnswerBufferTest {
  @Test
  void bytesWrittenInPieces_writtenOutInOrder() throws Exception {
    byte[] answer = new byte[600_000];
    new Random(11).nextBytes(answer);
    AnswerBuffer buffer = AnswerBuffer.take();
    try {
      buffer.write(answer[0]);
      for (int at = 1; at < answer.length; at += 7_001) {
        buffer.write(answer, at, Math.min(7_001, answer.length - at));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      buffer.writeTo(out);

      assertThat(buffer.length()).isEqualTo(answer.length);
      assertThat(out.toByteArray()).isEqualTo(answer);
    } finally {
      buffer.release();
    }
  }

  @Test
  void bufferReleasedLast_isTakenNextAndEmpty() {
    AnswerBuffer first = AnswerBuffer.take();
    first.write(new byte[1_000], 0, 1_000);
    first.release();

    AnswerBuffer next = AnswerBuffer.take();
    try {
      assertThat(next).isSameAs(first);
      assertThat(next.length()).isZero();
    } finally {
      next.release();
    }
  }

  @Test
  void buffersInUseAtOnce_areDistinct() {
    AnswerBuffer one = AnswerBuffer.take();
    AnswerBuffer other = AnswerBuffer.take();

    assertThat(other).isNotSameAs(one);
    assertThat(other.array()).isNotSameAs(one.array());
    one.release();
    other.release();
  }

  @Test
  void bufferGrownPastTheRetainedSize_isNotKept() {
    AnswerBuffer large = AnswerBuffer.take();
    byte[] chunk = new byte[64 * 1024];
    while (large.length() <= AnswerBuffer.RETAINED_BYTES) large.write(chunk, 0, chunk.length);
    large.release();

    AnswerBuffer next = AnswerBuffer.take();
    try {
      assertThat(next).isNotSameAs(large);
      assertThat(next.array().length).isLessThanOrEqualTo(AnswerBuffer.RETAINED_BYTES);
    } finally {
      next.release();
    }
  }

  @Test
  void moreReleasedThanThePoolHolds_keepsOnlyThePoolsWorth() {
    List<AnswerBuffer> taken = new ArrayList<>();
    for (int i = 0; i < AnswerBuffer.POOLED + 8; i++) taken.add(AnswerBuffer.take());
    taken.forEach(AnswerBuffer::release);

    List<AnswerBuffer> again = new ArrayList<>();
    for (int i = 0; i < AnswerBuffer.POOLED + 8; i++) again.add(AnswerBuffer.take());

    assertThat(again.stream().filter(taken::contains).count()).isEqualTo(AnswerBuffer.POOLED);
    again.forEach(AnswerBuffer::release);
  }

  @Test
  void sliceOutsideTheSource_isRefusedAndNothingWritten() {
    AnswerBuffer buffer = AnswerBuffer.take();
    try {
      assertThatThrownBy(() -> buffer.write(new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
      assertThat(buffer.length()).isZero();
    } finally {
      buffer.release();
    }
  }
}
