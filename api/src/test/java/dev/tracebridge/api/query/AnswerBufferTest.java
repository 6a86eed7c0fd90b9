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
  void bytesFilledInPiecesPastTheFirstArray_keptWhenItGrowsAndWrittenOutInOrder() throws Exception {
    byte[] answer = new byte[600_000];
    new Random(11).nextBytes(answer);
    AnswerBuffer buffer = AnswerBuffer.take();
    try {
      int filled = 0;
      while (filled < answer.length) {
        int piece = Math.min(7_001, answer.length - filled);
        byte[] array = buffer.grow(filled, piece);
        System.arraycopy(answer, filled, array, filled, piece);
        filled += piece;
      }
      buffer.written(filled);
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
    first.written(1_000);
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
    large.grow(0, AnswerBuffer.RETAINED_BYTES + 1);
    large.written(AnswerBuffer.RETAINED_BYTES + 1);
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
  void moreWrittenThanTheArrayHolds_isRefusedAndTheLengthKept() {
    AnswerBuffer buffer = AnswerBuffer.take();
    try {
      buffer.written(10);

      assertThatThrownBy(() -> buffer.written(buffer.array().length + 1))
          .isInstanceOf(IndexOutOfBoundsException.class);
      assertThat(buffer.length()).isEqualTo(10);
    } finally {
      buffer.release();
    }
  }
}
